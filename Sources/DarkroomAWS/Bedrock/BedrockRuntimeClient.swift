#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Bedrock Runtime's `InvokeModel`, signed for `bedrock` with the standard path rules (the model id is
/// percent-encoded in the URL and encoded again in the signature, as AWS expects).
public struct BedrockRuntimeClient: Sendable {
    public let configuration: AWSConfiguration
    public let http: HTTPClient
    /// Read timeout 300 s by default: image models can take minutes.
    public var timeouts: HTTPTimeouts
    public var retry: RetryPolicy

    public init(configuration: AWSConfiguration, http: HTTPClient = .shared, timeouts: HTTPTimeouts = .bedrock,
                retry: RetryPolicy = .standard) {
        self.configuration = configuration
        self.http = http
        self.timeouts = timeouts
        self.retry = retry
    }

    /// The request `invokeModel` sends (unsigned), for tests and tools that sign and send it themselves.
    public func invokeRequest(modelID: String, body: [UInt8], accept: String = "application/json",
                              contentType: String = "application/json") -> HTTPRequest {
        let url = configuration.endpoint(for: .bedrockRuntime) + "/model/" + PercentEncoding.encode(modelID) + "/invoke"
        return HTTPRequest(method: "POST", url: url, headers: ["Accept": accept, "Content-Type": contentType], body: body)
    }

    /// Calls `POST /model/{modelID}/invoke` and returns the response body (the model's JSON).
    public func invokeModel(
        modelID: String, body: [UInt8], accept: String = "application/json", contentType: String = "application/json",
        onRetry: (@Sendable (RetryEvent) -> Void)? = nil
    ) async throws(BedrockError) -> [UInt8] {
        let signer = SigV4Signer(credentials: configuration.credentials, region: configuration.region,
                                 service: AWSService.bedrockRuntime.signingName, pathRules: .standard)
        let response: HTTPResponse
        do {
            let request = try invokeRequest(modelID: modelID, body: body, accept: accept, contentType: contentType)
                .signed(with: signer, date: Date())
            response = try await http.send(request, timeouts: timeouts, retry: retry, onRetry: onRetry)
        } catch {
            throw .transport(error)
        }
        guard (200..<300).contains(response.status) else { throw BedrockError(response: response) }
        return response.body
    }
}
