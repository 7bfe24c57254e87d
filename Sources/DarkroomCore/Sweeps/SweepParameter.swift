/// A generation parameter a sweep axis can vary, named as the `--sweep NAME=…` option spells it.
public enum SweepParameter: String, Sendable, CaseIterable, Codable {
    case cfgScale = "cfg_scale"
    case steps
    case size
    case style
    case sampler
    case model
    case seed

    /// The parameter for a name as people type it (`cfg`, `cfg-scale`, `style_preset` also work); nil when unknown.
    public init?(name: String) {
        let normalized = name.trimmingWhitespace().lowercased().replacingDashes()
        switch normalized {
        case "cfg_scale", "cfg", "cfgscale", "guidance": self = .cfgScale
        case "steps", "step": self = .steps
        case "size", "resolution": self = .size
        case "style", "style_preset", "preset": self = .style
        case "sampler": self = .sampler
        case "model": self = .model
        case "seed": self = .seed
        default: return nil
        }
    }

    /// The request field a value of this parameter ends up in, to map a validation error back to its axis.
    func owns(_ field: ParameterField) -> Bool {
        switch self {
        case .cfgScale: field == .cfgScale
        case .steps: field == .steps
        case .size: field == .width || field == .height
        case .style: field == .stylePreset
        case .sampler: field == .sampler
        case .model: field == .model
        case .seed: field == .seed
        }
    }

    /// Whether ranges (`20-50:10`) make sense for this parameter.
    var isNumeric: Bool {
        self == .cfgScale || self == .steps || self == .seed
    }

    /// Nil when `descriptor` takes this parameter; otherwise why a sweep over it would make identical images.
    func unsupportedReason(for descriptor: ModelDescriptor) -> String? {
        switch self {
        case .cfgScale: descriptor.cfgScale == nil ? "\(descriptor.displayName) takes no CFG scale" : nil
        case .steps: descriptor.steps == nil ? "\(descriptor.displayName) takes no step count" : nil
        case .style: descriptor.stylePresets.isEmpty ? "\(descriptor.displayName) has no style presets" : nil
        case .sampler: descriptor.samplers.isEmpty ? "\(descriptor.displayName) chooses its own sampler" : nil
        case .size, .model, .seed: nil
        }
    }

    /// One value of this parameter from its text; nil when the text is not of the right kind.
    func value(from text: String) -> SweepValue? {
        let text = text.trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        switch self {
        case .cfgScale: return Double(text).flatMap { $0.isFinite ? .cfgScale($0) : nil }
        case .steps: return Int(text).map(SweepValue.steps)
        case .size: return ImageSize(text).map(SweepValue.size)
        case .style: return .style(text)
        case .sampler: return .sampler(text)
        case .model: return .model(ModelID(rawValue: text))
        case .seed: return UInt32(text).map(SweepValue.seed)
        }
    }

    /// What a value must look like, for error messages.
    var expectedForm: String {
        switch self {
        case .cfgScale: "a number such as 7 or 7.5"
        case .steps: "a whole number"
        case .size: "WIDTHxHEIGHT, such as 1024x1024"
        case .style: "a style preset name"
        case .sampler: "a sampler name"
        case .model: "a model id"
        case .seed: "a whole number from 0 to 4294967295"
        }
    }
}

extension String {
    fileprivate func replacingDashes() -> String {
        String(map { $0 == "-" ? "_" : $0 })
    }
}
