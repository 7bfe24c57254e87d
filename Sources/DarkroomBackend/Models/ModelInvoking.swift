import DarkroomCore

/// Something that answers Bedrock `InvokeModel` requests: Bedrock itself (`BedrockModel`) or the
/// procedural `LocalPreviewEngine`. Bodies are the model family's JSON, both ways.
public protocol ModelInvoking: Sendable {
    /// Runs the model `id` on a request `body` and returns its answer.
    func invokeModel(id: ModelID, body: [UInt8]) async throws(ModelInvocationError) -> ModelResponse
    /// What image metadata records as the engine (`bedrock`, `local-preview`) before any answer says otherwise.
    var metadataEngine: String { get }
}

/// A model's answer to `InvokeModel`: the family's JSON, and the engine that made the image.
public struct ModelResponse: Sendable {
    public var body: [UInt8]
    /// What image metadata records as the engine. Through the local stack's Bedrock-compatible route the answer is
    /// the local preview engine's, and says so in `engineHeader`: its pictures are never labelled as Bedrock's.
    public var engine: String

    /// The response header naming the engine (`local-preview`); Bedrock sends none.
    public static let engineHeader = "x-darkroom-engine"

    public init(body: [UInt8], engine: String) {
        self.body = body
        self.engine = engine
    }
}

/// A model that runs in this process (the local preview engine): the handler hands it validated parameters
/// and gets the PNG back, with no payload JSON, no base64 and no second validation. The Bedrock-compatible
/// `invokeModel` stays for the local stack's `/model/{modelId}/invoke` route.
public protocol InProcessModel: ModelInvoking {
    /// The image for `parameters`, already validated against `descriptor`. A content filter throws
    /// `.contentFiltered` with the reason worded as the model family words it.
    func generate(validated parameters: GenerationParameters, descriptor: ModelDescriptor) async throws(ModelInvocationError) -> GeneratedImage
}

extension ModelInvoking {
    public var metadataEngine: String { ImageMetadata.bedrockEngine }
}
