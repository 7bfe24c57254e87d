/// What one image from a model costs on Bedrock on demand, as published; always an estimate.
///
/// Prices are US-dollar list prices for US East (N. Virginia). Bedrock bills image models per image; some
/// prices depend on the image size or the step count, so a price is a list of tiers, the first that applies
/// wins. Regions, quality settings and later price changes are not modelled, which is why every figure darkroom
/// shows is labelled an estimate with its source and date.
public struct ModelPrice: Hashable, Sendable {
    /// One published price and when it applies.
    public struct Tier: Hashable, Sendable {
        /// Applies to images with at most this many pixels (nil: any size).
        public var maxPixels: Int?
        /// Applies to requests with at most this many steps (nil: any step count).
        public var maxSteps: Int?
        /// US dollars per image.
        public var dollars: Double

        public init(maxPixels: Int? = nil, maxSteps: Int? = nil, dollars: Double) {
            self.maxPixels = maxPixels
            self.maxSteps = maxSteps
            self.dollars = dollars
        }

        func applies(to parameters: GenerationParameters) -> Bool {
            if let maxPixels, parameters.size.pixelCount > maxPixels { return false }
            if let maxSteps, (parameters.steps ?? 0) > maxSteps { return false }
            return true
        }
    }

    public var tiers: [Tier]
    /// Where the figures come from.
    public var source: String
    /// When the source was read (ISO date).
    public var date: String

    public init(tiers: [Tier], source: String, date: String) {
        self.tiers = tiers
        self.source = source
        self.date = date
    }

    /// The price of one image with `parameters`; nil when no tier applies.
    public func dollars(for parameters: GenerationParameters) -> Double? {
        tiers.first { $0.applies(to: parameters) }?.dollars
    }
}

/// The per-model price table of the catalog.
public enum ModelPricing {
    /// The page AWS publishes Bedrock's prices on; the figures below are its on-demand image prices.
    static let awsPage = "aws.amazon.com/bedrock/pricing (on-demand, US East), as transcribed in LiteLLM's model_prices_and_context_window.json"
    static let readOn = "2026-11-30"

    /// Prices per model id. A model missing here has an unknown price, and says so.
    public static let table: [ModelID: ModelPrice] = [
        // SDXL 1.0: $0.04 an image up to 50 steps ("standard"), $0.08 above ("premium"), 1024x1024.
        ModelDescriptor.stableDiffusionXL.id: ModelPrice(
            tiers: [.init(maxSteps: 50, dollars: 0.04), .init(dollars: 0.08)], source: awsPage, date: readOn),
        // Nova Canvas at the standard quality darkroom requests: $0.04 up to 1024x1024, $0.06 up to 2048x2048.
        ModelDescriptor.novaCanvas.id: ModelPrice(
            tiers: [.init(maxPixels: 1024 * 1024, dollars: 0.04), .init(dollars: 0.06)],
            source: "aws.amazon.com/bedrock/pricing, Amazon Nova Canvas, standard quality (on-demand, US East)", date: readOn),
        // Titan Image Generator v2, standard quality: $0.008 up to 512x512, $0.01 above.
        ModelDescriptor.titanImageV2.id: ModelPrice(
            tiers: [.init(maxPixels: 512 * 512, dollars: 0.008), .init(dollars: 0.01)],
            source: "aws.amazon.com/bedrock/pricing, Amazon Titan Image Generator v2, standard quality (on-demand, US East)", date: readOn),
        // The Stable Image family is one flat price per image at any aspect ratio.
        ModelDescriptor.stableDiffusion35Large.id: ModelPrice(tiers: [.init(dollars: 0.08)], source: awsPage, date: readOn),
        ModelDescriptor.stableImageCore.id: ModelPrice(tiers: [.init(dollars: 0.04)], source: awsPage, date: readOn),
        ModelDescriptor.stableImageUltra.id: ModelPrice(tiers: [.init(dollars: 0.14)], source: awsPage, date: readOn),
    ]

    /// The price of `model`, nil when darkroom knows none.
    public static func price(for model: ModelID) -> ModelPrice? {
        table[model]
    }

    /// The estimated cost of generating each of `requests` once.
    public static func estimate(_ requests: [GenerationParameters]) -> CostEstimate {
        var total = 0.0
        var unknown: Set<ModelID> = []
        var sources: [String] = []
        for parameters in requests {
            guard let price = price(for: parameters.model), let dollars = price.dollars(for: parameters) else {
                unknown.insert(parameters.model)
                continue
            }
            total += dollars
            let source = "\(price.source), read \(price.date)"
            if !sources.contains(source) { sources.append(source) }
        }
        return CostEstimate(images: requests.count, dollars: total, unknownModels: unknown.map(\.rawValue).sorted(), sources: sources)
    }
}

/// An estimated price for a number of images, with where its figures come from.
public struct CostEstimate: Hashable, Sendable, CustomStringConvertible {
    public var images: Int
    /// The total of the images whose price is known.
    public var dollars: Double
    /// Models in the request whose price darkroom does not know.
    public var unknownModels: [String]
    public var sources: [String]

    /// Whether every image's price is known.
    public var isComplete: Bool { unknownModels.isEmpty }

    /// `9 images, estimated $0.36 (estimate: Bedrock list price, …)`, or `… price unknown …`.
    public var description: String {
        let count = images == 1 ? "1 image" : "\(images) images"
        let figure = "$" + Self.format(dollars)
        let price: String
        if unknownModels.isEmpty {
            price = "estimated \(figure)"
        } else if dollars > 0 {
            price = "estimated \(figure) plus images of unknown price (\(unknownModels.joined(separator: ", ")))"
        } else {
            price = "price unknown (no published price known for \(unknownModels.joined(separator: ", ")))"
        }
        let source = sources.isEmpty ? "" : " — an estimate from " + sources.joined(separator: "; ")
        return "\(count), \(price)\(source)"
    }

    /// Dollars with two decimals, three below a cent.
    static func format(_ dollars: Double) -> String {
        let cents = (dollars * 1000).rounded()
        let whole = Int(cents) / 1000
        let thousandths = Int(cents) % 1000
        if thousandths % 10 == 0 {
            let hundredths = thousandths / 10
            return "\(whole)." + (hundredths < 10 ? "0" : "") + "\(hundredths)"
        }
        let text = String(thousandths)
        return "\(whole)." + String(repeating: "0", count: 3 - text.count) + text
    }
}
