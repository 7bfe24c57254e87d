/// Bedrock Runtime's `InvokeModel`, signed for `bedrock` with the standard path rules (the model id is
/// percent-encoded in the URL and encoded again in the signature, as AWS expects).
public struct BedrockRuntimeClient: AWSJSONClient {
    public static let awsService = AWSService.bedrockRuntime
    /// Read timeout 300 s: image models can take minutes.
    public static let defaultTimeouts = HTTPTimeouts.bedrock
    public let service: AWSJSONService

    public init(service: AWSJSONService) {
        self.service = service
    }

    /// The request `invokeModel` sends (unsigned), for tests and tools that sign and send it themselves.
    public func invokeRequest(modelID: String, body: [UInt8], accept: String = "application/json",
                              contentType: String = "application/json") -> HTTPRequest {
        let url = service.endpoint + "/model/" + PercentEncoding.encode(modelID) + "/invoke"
        return HTTPRequest(method: "POST", url: url, headers: ["Accept": accept, "Content-Type": contentType], body: body)
    }

    /// Calls `POST /model/{modelID}/invoke` and returns the successful response (its body is the model's JSON).
    public func invokeModel(
        modelID: String, body: [UInt8], accept: String = "application/json", contentType: String = "application/json",
        onRetry: (@Sendable (RetryEvent) -> Void)? = nil
    ) async throws(BedrockError) -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await service.send(
                invokeRequest(modelID: modelID, body: body, accept: accept, contentType: contentType), onRetry: onRetry)
        } catch {
            throw .transport(error)
        }
        guard (200..<300).contains(response.status) else { throw BedrockError(response: response) }
        return response
    }
}
