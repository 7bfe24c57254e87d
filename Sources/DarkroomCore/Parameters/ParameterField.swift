/// A generation parameter, named as the request body spells it (`message` is the prompt, as in the reference system).
public enum ParameterField: String, Sendable, CaseIterable, Codable {
    case prompt = "message"
    case negativePrompt = "negative_prompt"
    case model
    case cfgScale = "cfg_scale"
    case steps
    case seed
    case width
    case height
    case stylePreset = "style_preset"
    case sampler

    /// The option of `darkroom generate` that sets the field (nil for the prompt, an argument).
    public var commandLineOption: String? {
        switch self {
        case .prompt: nil
        case .negativePrompt: "--negative-prompt"
        case .model: "--model"
        case .cfgScale: "--cfg-scale"
        case .steps: "--steps"
        case .seed: "--seed"
        case .width, .height: "--size"
        case .stylePreset: "--style-preset"
        case .sampler: "--sampler"
        }
    }

    /// The field's name in sentences.
    public var label: String {
        switch self {
        case .prompt: "prompt"
        case .negativePrompt: "negative prompt"
        case .model: "model"
        case .cfgScale: "CFG scale"
        case .steps: "steps"
        case .seed: "seed"
        case .width: "width"
        case .height: "height"
        case .stylePreset: "style preset"
        case .sampler: "sampler"
        }
    }
}
