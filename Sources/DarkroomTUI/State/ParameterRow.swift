/// The parameter rows, in display order.
public enum ParameterRow: String, CaseIterable, Sendable {
    case model, size, style, cfgScale, steps, seed

    public var label: String {
        switch self {
        case .model: return "Model"
        case .size: return "Size"
        case .style: return "Style"
        case .cfgScale: return "CFG"
        case .steps: return "Steps"
        case .seed: return "Seed"
        }
    }
}
