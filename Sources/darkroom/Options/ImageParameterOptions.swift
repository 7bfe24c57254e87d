import ArgumentParser
import DarkroomCore

/// `generate`'s options for the image itself, shown under their own heading in its help.
struct ImageParameterOptions: ParsableArguments {
    @Option(help: "What the image should not show.")
    var negativePrompt: String?

    // Numbers are read with `parsing: .unconditional`: `--steps -1` is then the value -1, refused with the model's
    // range, where ArgumentParser took "-1" for an option and said "Missing value for '--steps'".
    @Option(parsing: .unconditional, help: "Seed (0-4294967295); the same seed and parameters make the same image. Stability models read 0 as \"draw one\" (the seed drawn is printed).")
    var seed: UInt32?

    @Option(parsing: .unconditional, help: "Diffusion steps.")
    var steps: Int?

    @Option(name: .customLong("cfg-scale"), parsing: .unconditional, help: "How closely the image follows the prompt.")
    var cfgScale: Double?

    @Option(help: "WIDTHxHEIGHT, one of the model's sizes (default: the model's default).")
    var size: String?

    @Option(help: "Model id (default: \(ModelCatalog.defaultModel)).")
    var model: String?

    @Option(help: "Style preset, for models that take one.")
    var stylePreset: String?

    @Option(help: "Sampler, for models that take one (default: the model's own choice).")
    var sampler: String?

    /// The parameters as given, with `prompt`; the backend fills the model's defaults and validates them.
    func parameters(prompt: String) throws -> GenerationParameters {
        let modelID = model.map(ModelID.init(rawValue:)) ?? ModelCatalog.defaultModel
        guard let descriptor = ModelCatalog.descriptor(for: modelID) else {
            throw CommandFailure.usage("Unknown model \(modelID); use one of \(ModelCatalog.all.map(\.id.rawValue).joined(separator: ", ")).")
        }
        // Dropped silently, these would look applied: the image and its metadata would not show them.
        if cfgScale != nil, descriptor.cfgScale == nil {
            throw CommandFailure.usage("\(descriptor.displayName) takes no CFG scale; leave out --cfg-scale.")
        }
        if steps != nil, descriptor.steps == nil {
            throw CommandFailure.usage("\(descriptor.displayName) takes no step count; leave out --steps.")
        }
        if sampler != nil, descriptor.samplers.isEmpty {
            throw CommandFailure.usage("\(descriptor.displayName) chooses its own sampler; leave out --sampler.")
        }
        var imageSize = descriptor.defaultSize
        if let size {
            guard let parsed = ImageSize(size) else {
                throw CommandFailure.usage("--size must be WIDTHxHEIGHT, for example \(descriptor.defaultSize), not \(size).")
            }
            imageSize = parsed
        }
        return GenerationParameters(
            prompt: prompt, negativePrompt: negativePrompt ?? "", model: modelID, cfgScale: cfgScale, steps: steps,
            seed: seed, size: imageSize, stylePreset: stylePreset, sampler: sampler
        )
    }
}
