/// What one image model accepts: its family, parameter ranges, sizes, presets and prompt limit.
public struct ModelDescriptor: Sendable, Identifiable {
    public var id: ModelID
    /// A short name for people (`SDXL 1.0`).
    public var displayName: String
    public var family: ModelFamily
    /// Nil when the model takes no CFG scale.
    public var cfgScale: NumericRange<Double>?
    /// Nil when the model takes no step count.
    public var steps: NumericRange<Int>?
    /// The seeds the model accepts.
    public var seedRange: ClosedRange<UInt32>
    /// The accepted output sizes; the first is the default.
    public var sizes: [ImageSize]
    /// Accepted style presets (empty when the model has none).
    public var stylePresets: [String]
    /// Accepted samplers (empty when the model chooses its own).
    public var samplers: [String]
    /// The longest prompt (and negative prompt) in characters.
    public var maxPromptLength: Int
    public var supportsNegativePrompt: Bool

    /// The size used when a request gives none.
    public var defaultSize: ImageSize {
        sizes.first ?? ImageSize(width: 1024, height: 1024)
    }

    /// The parameters a request with an empty prompt and nothing else gets (no seed: one is drawn per request).
    public var defaults: GenerationParameters {
        GenerationParameters(
            prompt: "", model: id, cfgScale: cfgScale?.defaultValue, steps: steps?.defaultValue,
            seed: nil, size: defaultSize
        )
    }
}
