/// A group of Bedrock image models that share one request and response shape.
public enum ModelFamily: String, Codable, Sendable, CaseIterable {
    /// Stability SDXL 1.0: `text_prompts`, `cfg_scale`, `steps`, `artifacts[]`.
    case stabilitySDXL
    /// Amazon Nova Canvas and Titan Image v2: `taskType: TEXT_IMAGE`, `images[]`.
    case amazonImage
    /// Stability SD3.5 and Stable Image Core/Ultra: `prompt`, `aspect_ratio`, `images[]`, `seeds[]`.
    case stabilityStableImage

    /// Stability models read seed 0 as "draw one yourself" and report the seed they drew; Amazon models
    /// take 0 as an ordinary seed.
    public var drawsSeedForZero: Bool {
        self != .amazonImage
    }

    /// The request builder and response parser for this family.
    public var payload: any ModelPayload.Type {
        switch self {
        case .stabilitySDXL: StabilitySDXLPayload.self
        case .amazonImage: AmazonImagePayload.self
        case .stabilityStableImage: StableImagePayload.self
        }
    }
}
