/// One value along a sweep axis, already of its parameter's type.
public enum SweepValue: Hashable, Sendable {
    case cfgScale(Double)
    case steps(Int)
    case size(ImageSize)
    case style(String)
    case sampler(String)
    case model(ModelID)
    case seed(UInt32)
    /// The search text of an `S/R` axis replaced by this text (the first value is the search text itself).
    case replace(search: String, with: String)
    /// A whole prompt, from a prompt list.
    case prompt(String)

    /// The value as it is written on a contact sheet's edge and in the manifest (`7.5`, `1024x1024`, `castle`).
    public var label: String {
        switch self {
        case .cfgScale(let value): SweepValue.format(value)
        case .steps(let value): String(value)
        case .size(let size): size.description
        case .style(let text), .sampler(let text), .prompt(let text): text
        case .model(let id): ModelCatalog.descriptor(for: id)?.displayName ?? id.rawValue
        case .seed(let seed): String(seed)
        case .replace(_, let replacement): replacement
        }
    }

    /// `parameters` with this value applied.
    public func applied(to parameters: GenerationParameters) -> GenerationParameters {
        var result = parameters
        switch self {
        case .cfgScale(let value): result.cfgScale = value
        case .steps(let value): result.steps = value
        case .size(let size): result.size = size
        case .style(let name): result.stylePreset = name
        case .sampler(let name): result.sampler = name
        case .model(let id): result.model = id
        case .seed(let seed): result.seed = seed
        case .replace(let search, let replacement):
            result.prompt = parameters.prompt.replacingAll(search, with: replacement)
            if !parameters.negativePrompt.isEmpty {
                result.negativePrompt = parameters.negativePrompt.replacingAll(search, with: replacement)
            }
        case .prompt(let text): result.prompt = text
        }
        return result
    }

    /// A number without a trailing `.0` (`7`, `7.5`), rounded to the slider's precision.
    public static func format(_ value: Double) -> String {
        let rounded = (value * 1_000_000).rounded() / 1_000_000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }
}

extension String {
    /// Every occurrence of `search` replaced (the standard library's `replacing`, so no Foundation is needed).
    func replacingAll(_ search: String, with replacement: String) -> String {
        guard !search.isEmpty else { return self }
        return replacing(search, with: replacement)
    }
}
