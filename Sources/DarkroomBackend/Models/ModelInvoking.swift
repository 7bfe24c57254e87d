import DarkroomCore

/// Something that answers Bedrock `InvokeModel` requests: Bedrock itself (`BedrockModel`) or the
/// procedural `LocalPreviewEngine`. Bodies are the model family's JSON, both ways.
public protocol ModelInvoking: Sendable {
    /// Runs the model `id` on a request `body` and returns its response body.
    func invokeModel(id: ModelID, body: [UInt8]) async throws(ModelInvocationError) -> [UInt8]
    /// What image metadata records as the engine (`bedrock`, `local-preview`).
    var metadataEngine: String { get }
}

extension ModelInvoking {
    public var metadataEngine: String { ImageMetadata.bedrockEngine }
}
