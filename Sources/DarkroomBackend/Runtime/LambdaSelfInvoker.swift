import DarkroomAWS
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Asynchronous mode on Lambda: starts a job by invoking this same function with `InvocationType=Event`
/// (Lambda queues the event and answers 202 at once), so the API's 202 answer does not wait for the model.
///
/// The template allows `lambda:InvokeFunction` on the function itself for exactly this.
public struct LambdaSelfInvoker: GenerationJobDispatching {
    private let invokeURL: String
    private let configuration: AWSConfiguration
    private let client: HTTPClient

    /// An invoker of `functionName` at the configuration's Lambda endpoint: `AWS_ENDPOINT_URL_LAMBDA`, else
    /// `AWS_ENDPOINT_URL` (or the profile's equivalents), else `https://lambda.<region>.amazonaws.com`.
    public init(functionName: String, configuration: AWSConfiguration, client: HTTPClient = .shared) {
        let name = PercentEncoding.encode(functionName)
        invokeURL = configuration.endpoint(for: .lambda) + "/2015-03-31/functions/\(name)/invocations"
        self.configuration = configuration
        self.client = client
    }

    public func dispatch(_ job: GenerationJob) async throws(JobDispatchError) {
        let signer = SigV4Signer(credentials: configuration.credentials, region: configuration.region,
                                 service: AWSService.lambda.signingName, pathRules: .standard)
        let request = HTTPRequest(
            method: "POST", url: invokeURL,
            headers: ["Content-Type": "application/json", "X-Amz-Invocation-Type": "Event"],
            body: job.eventPayload()
        )
        let response: HTTPResponse
        do {
            response = try await client.send(request.signed(with: signer, date: Date()))
        } catch {
            throw JobDispatchError("Lambda Invoke failed: \(error.description)")
        }
        guard response.status == 202 else {
            throw JobDispatchError("Lambda Invoke answered HTTP \(response.status) \(response.awsErrorCode ?? "")")
        }
    }
}
