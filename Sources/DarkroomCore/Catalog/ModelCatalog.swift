/// The image models darkroom knows, and the entry points to their payload builders and parsers.
public enum ModelCatalog {
    /// Every known model, the default first.
    public static let all: [ModelDescriptor] = [
        .stableDiffusionXL, .novaCanvas, .titanImageV2, .stableDiffusion35Large, .stableImageCore, .stableImageUltra,
    ]

    /// The reference system's model.
    public static let defaultModel: ModelID = ModelDescriptor.stableDiffusionXL.id

    /// The descriptor for `id`, or nil for a model darkroom does not know.
    public static func descriptor(for id: ModelID) -> ModelDescriptor? {
        all.first { $0.id == id }
    }

    /// The `InvokeModel` body for `parameters` (validated first, so a missing seed is drawn here).
    public static func requestBody(for parameters: GenerationParameters) throws(ParameterError) -> [UInt8] {
        guard let descriptor = descriptor(for: parameters.model) else { throw .unknownModel(parameters.model) }
        let validated = try parameters.validated(using: descriptor)
        return descriptor.family.payload.requestBody(for: validated, descriptor: descriptor)
    }

    /// The image in a model's `InvokeModel` response, base64 already decoded.
    public static func parseResponse(_ body: [UInt8], family: ModelFamily) throws(ModelResponseError) -> GeneratedImage {
        try family.payload.parseResponse(body)
    }
}
