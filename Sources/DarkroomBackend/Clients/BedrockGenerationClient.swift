import DarkroomAWS
import DarkroomCore

/// The `bedrock` backend: calls Bedrock Runtime directly (SigV4) and stores the image itself — through the
/// image-generation handler's own flow in this process (validation, metadata chunks, naming, thumbnail,
/// never-overwrite writes), with Bedrock as its model and the bucket as its store.
public struct BedrockGenerationClient: GenerationClient {
    private let store: any ImageStore
    private let bedrock: BedrockRuntimeClient

    /// A client invoking models through `bedrock` and storing into `store` (an `S3Storage` in practice).
    public init(store: any ImageStore, bedrock: BedrockRuntimeClient) {
        self.store = store
        self.bedrock = bedrock
    }

    public func generate(
        _ parameters: GenerationParameters, onRetry: (@Sendable (RetryEvent) -> Void)?
    ) async throws(GenerationClientError) -> GenerationResult {
        // A model per call, so Bedrock's retries reach this call's listener.
        let model = BedrockModel(client: bedrock, onRetry: onRetry)
        return try await LocalGenerationClient(store: store, model: model).generate(parameters)
    }
}
