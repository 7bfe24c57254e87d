import DarkroomCore
import DarkroomGallery

/// One image as the catalog knows it: its listing entry and, once read, the parameters it carries.
public struct CatalogImage: Sendable, Hashable {
    /// Whether the image's head has been read.
    public enum Metadata: Sendable, Hashable {
        case unread
        /// Read: the image carries no parameters (never read again).
        case none
        case parameters(CatalogParameters)
    }

    public var entry: GalleryEntry
    public var metadata: Metadata

    public init(entry: GalleryEntry, metadata: Metadata) {
        self.entry = entry
        self.metadata = metadata
    }

    public var key: String { entry.key }
    public var parameters: CatalogParameters? {
        if case .parameters(let parameters) = metadata { parameters } else { nil }
    }
}

/// The parameters the catalog stores and searches: what the gallery shows and `/` filters on.
public struct CatalogParameters: Sendable, Hashable {
    public var prompt: String
    public var negativePrompt: String
    public var model: String
    public var seed: UInt32?
    public var steps: Int?
    public var cfgScale: Double?
    public var width: Int
    public var height: Int
    public var style: String?
    public var engine: String
    public var sampler: String?

    public init(prompt: String, negativePrompt: String, model: String, seed: UInt32?, steps: Int?, cfgScale: Double?,
                width: Int, height: Int, style: String?, engine: String, sampler: String? = nil) {
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.model = model
        self.seed = seed
        self.steps = steps
        self.cfgScale = cfgScale
        self.width = width
        self.height = height
        self.style = style
        self.engine = engine
        self.sampler = sampler
    }

    /// The generation record these parameters came from (what the gallery shows and regenerates from).
    public var imageMetadata: ImageMetadata {
        ImageMetadata(parameters: GenerationParameters(
            prompt: prompt, negativePrompt: negativePrompt, model: ModelID(rawValue: model), cfgScale: cfgScale, steps: steps,
            seed: seed, size: ImageSize(width: width, height: height), stylePreset: style, sampler: sampler
        ), engine: engine)
    }
}
