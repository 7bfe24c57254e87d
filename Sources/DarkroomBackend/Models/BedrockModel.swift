import DarkroomAWS
import DarkroomCore

/// Bedrock Runtime `InvokeModel` through the project's AWS client, with the reference system's read
/// timeout (300 s) and retries (3 attempts, standard mode).
public struct BedrockModel: ModelInvoking {
    private let client: BedrockRuntimeClient
    private let onRetry: (@Sendable (RetryEvent) -> Void)?

    /// A model client for `configuration`'s region, credentials and endpoint.
    public init(configuration: AWSConfiguration, onRetry: (@Sendable (RetryEvent) -> Void)? = nil) {
        self.init(client: BedrockRuntimeClient(configuration: configuration, timeouts: .bedrock, retry: .standard), onRetry: onRetry)
    }

    public init(client: BedrockRuntimeClient, onRetry: (@Sendable (RetryEvent) -> Void)? = nil) {
        self.client = client
        self.onRetry = onRetry
    }

    public func invokeModel(id: ModelID, body: [UInt8]) async throws(ModelInvocationError) -> ModelResponse {
        let response: HTTPResponse
        do {
            response = try await client.invokeModel(modelID: id.rawValue, body: body, onRetry: onRetry)
        } catch {
            throw Self.invocationError(for: error)
        }
        // Only a name darkroom gives: anything else an endpoint says is still recorded as Bedrock's.
        let local = response.headers[ModelResponse.engineHeader] == ImageMetadata.localPreviewEngine
        return ModelResponse(body: response.body, engine: local ? ImageMetadata.localPreviewEngine : metadataEngine)
    }

    /// Bedrock's error in the terms the handler answers with.
    static func invocationError(for error: BedrockError) -> ModelInvocationError {
        switch error {
        case .rejected(let reason, let message):
            switch reason {
            case .validation:
                // Amazon's image models report a blocked prompt or image as a validation error.
                message.lowercased().contains("content filter") ? .contentFiltered(message) : .validation(message)
            case .accessDenied: .accessDenied(message)
            case .throttling: .throttled(message)
            case .modelTimeout: .timeout(message)
            case .serviceUnavailable, .modelNotReady: .unavailable(message)
            case .resourceNotFound: .modelNotFound(message)
            case .modelError, .internalServer: .failed(message)
            }
        case .invalidCredentials(let code): .accessDenied("credentials refused: \(code)")
        case .service(let status, let code, let message): .failed("HTTP \(status) \(code) \(message)")
        case .transport(let transport):
            if case .timedOut = transport { .timeout(transport.description) } else { .transport(transport.description) }
        }
    }
}
