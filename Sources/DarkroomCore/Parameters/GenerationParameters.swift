/// Everything that determines one generated image; with the seed set, the same parameters reproduce the image.
public struct GenerationParameters: Codable, Hashable, Sendable {
    public var prompt: String
    /// Empty when there is none.
    public var negativePrompt: String
    public var model: ModelID
    /// Nil for models without CFG scale, or to take the model's default.
    public var cfgScale: Double?
    /// Nil for models without a step count, or to take the model's default.
    public var steps: Int?
    /// Nil to have one drawn at random by `validated(using:)`.
    public var seed: UInt32?
    public var size: ImageSize
    public var stylePreset: String?
    /// Nil to let the model choose.
    public var sampler: String?

    public init(
        prompt: String, negativePrompt: String = "", model: ModelID = ModelCatalog.defaultModel,
        cfgScale: Double? = nil, steps: Int? = nil, seed: UInt32? = nil,
        size: ImageSize = ImageSize(width: 1024, height: 1024), stylePreset: String? = nil, sampler: String? = nil
    ) {
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.model = model
        self.cfgScale = cfgScale
        self.steps = steps
        self.seed = seed
        self.size = size
        self.stylePreset = stylePreset
        self.sampler = sampler
    }

    /// Whether an image made with `made` (parameters as stored with an image, defaults filled in and the seed
    /// drawn) answers a request for these: the same text, model, size and style, and the same sampler, CFG scale,
    /// steps and seed where this request names them (seed 0 asks for one to be drawn).
    public func couldHaveMade(_ made: GenerationParameters) -> Bool {
        func agrees<Value: Equatable>(_ asked: Value?, _ used: Value?) -> Bool { asked == nil || asked == used }
        return prompt == made.prompt && negativePrompt == made.negativePrompt && model == made.model
            && size == made.size && stylePreset == made.stylePreset && agrees(sampler, made.sampler)
            && agrees(cfgScale, made.cfgScale) && agrees(steps, made.steps) && agrees(seed == 0 ? nil : seed, made.seed)
    }

    /// These parameters checked against `descriptor`, with the model's defaults filled in and a random seed
    /// drawn when none is given (or 0 for a model that reads 0 as "random"). Parameters the model does not
    /// take (steps for Nova Canvas) are cleared.
    public func validated(using descriptor: ModelDescriptor) throws(ParameterError) -> GenerationParameters {
        var generator = SystemRandomNumberGenerator()
        return try validated(using: descriptor, seedGenerator: &generator)
    }

    /// `validated(using:)` drawing a missing seed from `seedGenerator`.
    public func validated(
        using descriptor: ModelDescriptor, seedGenerator: inout some RandomNumberGenerator
    ) throws(ParameterError) -> GenerationParameters {
        var result = self
        result.model = descriptor.id
        // Controls would reach the PNG's text chunks and any terminal that shows them; CR LF is a newline.
        result.prompt = prompt.normalizingLineEndings()
        result.negativePrompt = negativePrompt.normalizingLineEndings()
        if let (scalar, position) = result.prompt.firstRefusedControl() {
            throw .controlCharacter(.prompt, scalar: scalar, position: position)
        }
        if let (scalar, position) = result.negativePrompt.firstRefusedControl() {
            throw .controlCharacter(.negativePrompt, scalar: scalar, position: position)
        }
        let prompt = result.prompt, negativePrompt = result.negativePrompt

        if prompt.allSatisfy(\.isWhitespace) { throw .missing(.prompt) }
        if prompt.count > descriptor.maxPromptLength {
            throw .promptTooLong(.prompt, limit: descriptor.maxPromptLength, actual: prompt.count)
        }
        if !negativePrompt.isEmpty {
            guard descriptor.supportsNegativePrompt else {
                throw .invalidValue(.negativePrompt, reason: "\(descriptor.displayName) takes no negative prompt")
            }
            if negativePrompt.count > descriptor.maxPromptLength {
                throw .promptTooLong(.negativePrompt, limit: descriptor.maxPromptLength, actual: negativePrompt.count)
            }
        }

        if let range = descriptor.cfgScale {
            let value = cfgScale ?? range.defaultValue
            guard value.isFinite, range.contains(value) else {
                throw .outOfRange(.cfgScale, value: SweepValue.format(value), allowed: range.bounds.inWords)
            }
            result.cfgScale = value
        } else {
            result.cfgScale = nil
        }

        if let range = descriptor.steps {
            let value = steps ?? range.defaultValue
            guard range.contains(value) else {
                throw .outOfRange(.steps, value: "\(value)", allowed: range.bounds.inWords)
            }
            result.steps = value
        } else {
            result.steps = nil
        }

        if let seed, seed != 0 || !descriptor.family.drawsSeedForZero {
            guard descriptor.seedRange.contains(seed) else {
                throw .outOfRange(.seed, value: "\(seed)", allowed: descriptor.seedRange.inWords)
            }
        } else {
            // Seed 0 asks such a model to pick one itself; drawing it here means the seed is known before the
            // model answers, so the object key and the reported seed both reproduce the image.
            let lowest = max(descriptor.seedRange.lowerBound, 1)
            result.seed = UInt32.random(in: lowest...descriptor.seedRange.upperBound, using: &seedGenerator)
        }

        guard descriptor.sizes.contains(size) else {
            throw .unsupportedSize(size, model: descriptor.id, allowed: descriptor.sizes)
        }

        result.stylePreset = try Self.choice(stylePreset, field: .stylePreset, allowed: descriptor.stylePresets)
        result.sampler = try Self.choice(sampler, field: .sampler, allowed: descriptor.samplers)
        return result
    }

    /// A blank choice means "none"; a model without choices ignores one; otherwise it must be listed.
    private static func choice(_ value: String?, field: ParameterField, allowed: [String]) throws(ParameterError) -> String? {
        guard let value, !value.isEmpty, !allowed.isEmpty else { return nil }
        guard allowed.contains(value) else { throw .notAllowed(field, value: value, allowed: allowed) }
        return value
    }

    private enum CodingKeys: String, CodingKey {
        case prompt
        case negativePrompt = "negative_prompt"
        case model
        case cfgScale = "cfg_scale"
        case steps, seed, width, height
        case stylePreset = "style_preset"
        case sampler
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        prompt = try container.decode(String.self, forKey: .prompt)
        negativePrompt = try container.decodeIfPresent(String.self, forKey: .negativePrompt) ?? ""
        model = try container.decodeIfPresent(ModelID.self, forKey: .model) ?? ModelCatalog.defaultModel
        cfgScale = try container.decodeIfPresent(Double.self, forKey: .cfgScale)
        steps = try container.decodeIfPresent(Int.self, forKey: .steps)
        seed = try container.decodeIfPresent(UInt32.self, forKey: .seed)
        size = ImageSize(
            width: try container.decodeIfPresent(Int.self, forKey: .width) ?? 1024,
            height: try container.decodeIfPresent(Int.self, forKey: .height) ?? 1024
        )
        stylePreset = try container.decodeIfPresent(String.self, forKey: .stylePreset)
        sampler = try container.decodeIfPresent(String.self, forKey: .sampler)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(prompt, forKey: .prompt)
        try container.encode(negativePrompt, forKey: .negativePrompt)
        try container.encode(model, forKey: .model)
        try container.encodeIfPresent(cfgScale, forKey: .cfgScale)
        try container.encodeIfPresent(steps, forKey: .steps)
        try container.encodeIfPresent(seed, forKey: .seed)
        try container.encode(size.width, forKey: .width)
        try container.encode(size.height, forKey: .height)
        try container.encodeIfPresent(stylePreset, forKey: .stylePreset)
        try container.encodeIfPresent(sampler, forKey: .sampler)
    }
}
