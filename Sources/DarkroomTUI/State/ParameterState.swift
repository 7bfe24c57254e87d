import DarkroomCore

/// The generation parameters being edited (prompt text aside) and the parameter panel's selection.
public struct ParameterState: Hashable, Sendable {
    public var values: GenerationParameters
    public var row: ParameterRow = .cfgScale
    /// Digits typed to set the selected number exactly, committed with Enter.
    public var typedNumber: String?
    /// A locked seed is reused for every job; unlocked, each job gets a fresh random seed.
    public var seedLocked = false

    public init(parameters: GenerationParameters) {
        values = parameters
        values.prompt = ""
        values.negativePrompt = ""
    }

    /// A model's defaults with a concrete seed, so the seed row always shows a number.
    public static func defaults(for model: ModelID) -> GenerationParameters {
        var values = (ModelCatalog.descriptor(for: model) ?? ModelCatalog.all[0]).defaults
        values.seed = values.seed ?? 1
        return values
    }
}
