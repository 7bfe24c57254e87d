#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The generation record every stored PNG carries: an A1111-style `parameters` text chunk and a JSON chunk.
///
/// It holds no creation time on purpose: the stored bytes are a function of the parameters and the engine,
/// so regenerating with the same seed stores an identical object. When an image was made is in its key
/// (`output-images/<UTC time>-…`) and in the store's last-modified date.
public struct ImageMetadata: Codable, Hashable, Sendable {
    /// The text chunk keyword other image tools read.
    public static let parametersKeyword = "parameters"
    /// The text chunk keyword of the exact JSON record.
    public static let jsonKeyword = "darkroom"
    /// `engine` for images from a Bedrock model.
    public static let bedrockEngine = "bedrock"
    /// `engine` for images from the procedural local preview engine (not a diffusion model).
    public static let localPreviewEngine = "local-preview"

    /// The validated parameters, seed included.
    public var parameters: GenerationParameters
    /// What made the image: `bedrock`, `local-preview`, or `unknown` for text written by other tools.
    public var engine: String

    public init(parameters: GenerationParameters, engine: String) {
        self.parameters = parameters
        self.engine = engine
    }

    private enum CodingKeys: String, CodingKey {
        case generator, engine, parameters
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        parameters = try container.decode(GenerationParameters.self, forKey: .parameters)
        engine = try container.decodeIfPresent(String.self, forKey: .engine) ?? "unknown"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(DarkroomVersion.generator, forKey: .generator)
        try container.encode(engine, forKey: .engine)
        try container.encode(parameters, forKey: .parameters)
    }

    /// The JSON chunk's text: sorted keys, one line.
    public func json() -> String {
        // Strings, numbers and a date string always encode.
        CanonicalJSON.text(self) ?? "{}"
    }

    /// Reads a JSON chunk; nil when it is not darkroom's record. Control characters are stripped (see `readable`).
    public static func parse(json: String) -> ImageMetadata? {
        (try? JSONDecoder().decode(ImageMetadata.self, from: Data(json.utf8)))?.readable
    }

    /// The `parameters` chunk's text: the prompt, a `Negative prompt:` line, then one line of `Key: value` pairs.
    public func parametersText() -> String {
        ParametersText.format(self)
    }

    /// Reads a `parameters` chunk, also one written by other tools; nil when it has no seed or size. Control
    /// characters are stripped (see `readable`).
    public static func parse(parametersText: String) -> ImageMetadata? {
        ParametersText.parse(parametersText.normalizingLineEndings())?.readable
    }

    /// This record without control characters in its text (`ControlCharacters`). Any image in a bucket may have
    /// been written by another tool, and its text ends up on terminals (the app, `darkroom info`) and in prompts.
    public var readable: ImageMetadata {
        var copy = self
        copy.parameters.prompt = parameters.prompt.strippingControlCharacters()
        copy.parameters.negativePrompt = parameters.negativePrompt.strippingControlCharacters()
        copy.parameters.model = ModelID(parameters.model.rawValue.strippingControlCharacters())
        copy.parameters.stylePreset = parameters.stylePreset?.strippingControlCharacters()
        copy.parameters.sampler = parameters.sampler?.strippingControlCharacters()
        copy.engine = engine.strippingControlCharacters()
        return copy
    }
}

/// Identifies darkroom as the writer of a metadata record.
enum DarkroomVersion {
    static let generator = "darkroom"
}
