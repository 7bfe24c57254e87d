// Ranges, defaults, sizes and presets as Amazon Bedrock documents them for each model
// ("Inference request parameters and response fields for foundation models").

extension ModelDescriptor {
    /// Stability SDXL 1.0, the reference system's model.
    public static let stableDiffusionXL = ModelDescriptor(
        id: "stability.stable-diffusion-xl-v1", displayName: "SDXL 1.0", family: .stabilitySDXL,
        cfgScale: NumericRange(bounds: 0...35, step: 0.5, coarseStep: 5, defaultValue: 7),
        steps: NumericRange(bounds: 10...150, step: 1, coarseStep: 10, defaultValue: 30),
        seedRange: 0...UInt32.max,
        sizes: [
            ImageSize(width: 1024, height: 1024), ImageSize(width: 1152, height: 896), ImageSize(width: 1216, height: 832),
            ImageSize(width: 1344, height: 768), ImageSize(width: 1536, height: 640), ImageSize(width: 640, height: 1536),
            ImageSize(width: 768, height: 1344), ImageSize(width: 832, height: 1216), ImageSize(width: 896, height: 1152),
        ],
        stylePresets: [
            "3d-model", "analog-film", "anime", "cinematic", "comic-book", "digital-art", "enhance", "fantasy-art",
            "isometric", "line-art", "low-poly", "modeling-compound", "neon-punk", "origami", "photographic",
            "pixel-art", "tile-texture",
        ],
        samplers: [
            "DDIM", "DDPM", "K_DPMPP_2M", "K_DPMPP_2S_ANCESTRAL", "K_DPM_2", "K_DPM_2_ANCESTRAL", "K_EULER",
            "K_EULER_ANCESTRAL", "K_HEUN", "K_LMS",
        ],
        maxPromptLength: 2000, supportsNegativePrompt: true
    )

    /// Amazon Nova Canvas: any 16-divisible size up to 4.19 MP; these are the documented presets.
    public static let novaCanvas = amazonImage(
        id: "amazon.nova-canvas-v1:0", displayName: "Nova Canvas", defaultCFGScale: 6.5, maxSeed: 858_993_459,
        sizes: [
            (1024, 1024), (2048, 2048), (512, 512), (1280, 720), (720, 1280), (1152, 896), (896, 1152), (1216, 832),
            (832, 1216), (1344, 768), (768, 1344),
        ],
        stylePresets: [
            "3D_ANIMATED_FAMILY_FILM", "DESIGN_SKETCH", "FLAT_VECTOR_ILLUSTRATION", "GRAPHIC_NOVEL_ILLUSTRATION",
            "MAXIMALISM", "MIDCENTURY_RETRO", "PHOTOREALISM", "SOFT_DIGITAL_PAINTING",
        ],
        maxPromptLength: 1024
    )

    /// Amazon Titan Image Generator v2.
    public static let titanImageV2 = amazonImage(
        id: "amazon.titan-image-generator-v2:0", displayName: "Titan Image v2", defaultCFGScale: 8, maxSeed: 2_147_483_646,
        sizes: [
            (1024, 1024), (768, 768), (512, 512), (768, 1152), (384, 576), (1152, 768), (576, 384), (768, 1280),
            (384, 640), (1280, 768), (640, 384), (896, 1152), (448, 576), (1152, 896), (576, 448), (768, 1408),
            (384, 704), (1408, 768), (704, 384), (640, 1408), (320, 704), (1408, 640), (704, 320), (1152, 640),
            (1173, 640),
        ],
        stylePresets: [],
        maxPromptLength: 512
    )

    /// The Amazon image models share their limits but for these: CFG 1.1-10, no steps or samplers, a negative prompt.
    private static func amazonImage(
        id: ModelID, displayName: String, defaultCFGScale: Double, maxSeed: UInt32, sizes: [(width: Int, height: Int)],
        stylePresets: [String], maxPromptLength: Int
    ) -> ModelDescriptor {
        ModelDescriptor(
            id: id, displayName: displayName, family: .amazonImage,
            cfgScale: NumericRange(bounds: 1.1...10, step: 0.1, coarseStep: 1, defaultValue: defaultCFGScale),
            steps: nil,
            seedRange: 0...maxSeed,
            sizes: sizes.map { ImageSize(width: $0.width, height: $0.height) },
            stylePresets: stylePresets, samplers: [],
            maxPromptLength: maxPromptLength, supportsNegativePrompt: true
        )
    }

    /// Stability SD3.5 Large.
    public static let stableDiffusion35Large = stableImage(id: "stability.sd3-5-large-v1:0", displayName: "SD3.5 Large")
    /// Stability Stable Image Core.
    public static let stableImageCore = stableImage(id: "stability.stable-image-core-v1:1", displayName: "Stable Image Core")
    /// Stability Stable Image Ultra.
    public static let stableImageUltra = stableImage(id: "stability.stable-image-ultra-v1:1", displayName: "Stable Image Ultra")

    /// The SD3.5 / Stable Image models share their limits: no CFG or steps, sizes chosen by aspect ratio.
    private static func stableImage(id: ModelID, displayName: String) -> ModelDescriptor {
        ModelDescriptor(
            id: id, displayName: displayName, family: .stabilityStableImage,
            cfgScale: nil, steps: nil,
            seedRange: 0...4_294_967_294,
            sizes: StableImagePayload.aspectRatios.map(\.size),
            stylePresets: [], samplers: [],
            maxPromptLength: 10_000, supportsNegativePrompt: true
        )
    }
}
