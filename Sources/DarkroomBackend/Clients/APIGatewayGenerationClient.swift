import DarkroomAWS
import DarkroomCore

/// The `api` backend: the deployed API Gateway endpoint (`POST /image-generation`), unsigned, with an API
/// key, or SigV4-signed for `execute-api`. The function in AWS generates and stores the image.
public struct APIGatewayGenerationClient: GenerationClient {
    private let gateway: APIGatewayClient

    /// A client for the API at `gateway.endpoint`.
    public init(gateway: APIGatewayClient) {
        self.gateway = gateway
    }

    public func generate(
        _ parameters: GenerationParameters, onRetry: (@Sendable (RetryEvent) -> Void)?
    ) async throws(GenerationClientError) -> GenerationResult {
        let answer: (status: Int, body: [UInt8])
        do {
            answer = try await gateway.post(path: ImageGenerationHandler.path, json: GenerationRequest.body(for: parameters), onRetry: onRetry)
        } catch {
            switch error {
            // The handler's error answers (and API Gateway's own 403/429/504) say what went wrong.
            case .failed(let status, let body): throw GenerationClientError(status: status, body: body)
            // Sent, but no whole answer: the function may have gone on to store the image.
            case .transport(.timedOut(let host, _)):
                throw .timeout("\(host) did not answer in time" + Self.mayHaveRun)
            case .transport(.connectionLost(let host, _)):
                throw .timeout("The connection to \(host) was dropped before an answer" + Self.mayHaveRun)
            case .transport(let reason): throw .unreachable(reason.description)
            }
        }
        return try GenerationRequest.result(status: answer.status, body: answer.body)
    }

    static let mayHaveRun = "; the function may still make and store the image, so check `darkroom ls` before generating again."
}
