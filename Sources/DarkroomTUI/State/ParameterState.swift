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

    /// A model's defaults, offering the seed of the newest image in `jobs` (restored from the last session) for `l` to
    /// lock, as a job that finishes offers its own; with no such image no seed is offered, and `l` draws one.
    public static func defaults(for model: ModelID, offering jobs: GenerationJobs) -> GenerationParameters {
        let descriptor = ModelCatalog.descriptor(for: model) ?? ModelCatalog.all[0]
        var values = descriptor.defaults
        values.seed = jobs.jobs.last { $0.output.map { descriptor.seedRange.contains($0.seed) } ?? false }?.output?.seed
        return values
    }
}
