/// Stability SD3.5 and Stable Image Core/Ultra: `prompt` and `aspect_ratio` → `images[]`, `seeds[]`, `finish_reasons[]`.
public enum StableImagePayload: ModelPayload {
    /// The documented aspect ratios and the size (about one megapixel) each produces; 1:1 first as the default.
    public static let aspectRatios: [(ratio: String, size: ImageSize)] = [
        ("1:1", ImageSize(width: 1024, height: 1024)),
        ("16:9", ImageSize(width: 1344, height: 768)),
        ("21:9", ImageSize(width: 1536, height: 640)),
        ("3:2", ImageSize(width: 1216, height: 832)),
        ("5:4", ImageSize(width: 1088, height: 896)),
        ("2:3", ImageSize(width: 832, height: 1216)),
        ("4:5", ImageSize(width: 896, height: 1088)),
        ("9:16", ImageSize(width: 768, height: 1344)),
        ("9:21", ImageSize(width: 640, height: 1536)),
    ]

    struct Request: Codable {
        var prompt: String
        var negativePrompt: String?
        var seed: UInt32?
        var aspectRatio: String?
        var outputFormat: String?

        enum CodingKeys: String, CodingKey {
            case prompt, negativePrompt = "negative_prompt", seed, aspectRatio = "aspect_ratio", outputFormat = "output_format"
        }
    }

    struct Response: Codable {
        var seeds: [UInt32]?
        var finishReasons: [String?]?
        var images: [String]?

        enum CodingKeys: String, CodingKey {
            case seeds, finishReasons = "finish_reasons", images
        }
    }

    /// The aspect ratio label for one of the catalog's sizes (1:1 for any other).
    public static func aspectRatio(for size: ImageSize) -> String {
        aspectRatios.first { $0.size == size }?.ratio ?? "1:1"
    }

    public static func requestBody(for parameters: GenerationParameters, descriptor: ModelDescriptor) -> [UInt8] {
        PayloadJSON.encode(Request(
            prompt: parameters.prompt,
            negativePrompt: parameters.negativePrompt.isEmpty ? nil : parameters.negativePrompt,
            seed: parameters.seed, aspectRatio: aspectRatio(for: parameters.size), outputFormat: "png"
        ))
    }

    public static func parseRequest(_ body: [UInt8], descriptor: ModelDescriptor) throws(ModelRequestError) -> GenerationParameters {
        let request = try PayloadJSON.decodeRequest(Request.self, from: body)
        if let format = request.outputFormat, format != "png" {
            throw .invalidBody("output_format \(format) is not supported here; use png")
        }
        let size: ImageSize
        if let ratio = request.aspectRatio {
            guard let match = aspectRatios.first(where: { $0.ratio == ratio }) else {
                throw .invalidBody("aspect_ratio \(ratio) is not one of " + aspectRatios.map(\.ratio).joined(separator: ", "))
            }
            size = match.size
        } else {
            size = descriptor.defaultSize
        }
        return GenerationParameters(
            prompt: request.prompt, negativePrompt: request.negativePrompt ?? "", model: descriptor.id,
            seed: request.seed, size: size
        )
    }

    public static func responseBody(png: [UInt8], seed: UInt32) -> [UInt8] {
        PayloadJSON.encode(Response(seeds: [seed], finishReasons: [nil], images: [PayloadJSON.base64(png)]))
    }

    public static func filteredResponseBody(reason: String) -> [UInt8] {
        PayloadJSON.encode(Response(seeds: nil, finishReasons: [filterReason(reason)], images: nil))
    }

    public static func filterReason(_ reason: String) -> String { "Filter reason: \(reason)" }

    public static func parseResponse(_ body: [UInt8]) throws(ModelResponseError) -> GeneratedImage {
        let response = try PayloadJSON.decodeResponse(Response.self, from: body)
        if let reason = response.finishReasons?.first ?? nil {
            if reason.hasPrefix("Filter reason") { throw .contentFiltered(reason: reason) }
            throw .modelFailed(reason)
        }
        guard let image = response.images?.first else { throw .noImage }
        return GeneratedImage(png: try PayloadJSON.png(fromBase64: image), seed: response.seeds?.first, finishReason: nil)
    }
}
