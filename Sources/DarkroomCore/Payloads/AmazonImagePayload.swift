/// Amazon Nova Canvas and Titan Image v2: `TEXT_IMAGE` task → `images[]` (no seed in the response).
public enum AmazonImagePayload: ModelPayload {
    struct TextToImageParams: Codable {
        var text: String
        var negativeText: String?
        var style: String?
    }

    struct ImageGenerationConfig: Codable {
        var numberOfImages: Int?
        var width: Int?
        var height: Int?
        var cfgScale: Double?
        var seed: UInt32?
        var quality: String?
    }

    struct Request: Codable {
        var taskType: String
        var textToImageParams: TextToImageParams
        var imageGenerationConfig: ImageGenerationConfig?
    }

    struct Response: Codable {
        var images: [String]?
        var error: String?
    }

    public static func requestBody(for parameters: GenerationParameters, descriptor: ModelDescriptor) -> [UInt8] {
        PayloadJSON.encode(Request(
            taskType: "TEXT_IMAGE",
            textToImageParams: TextToImageParams(
                text: parameters.prompt,
                // The API refuses an empty negativeText, so an absent negative prompt leaves the field out.
                negativeText: parameters.negativePrompt.isEmpty ? nil : parameters.negativePrompt,
                style: parameters.stylePreset
            ),
            imageGenerationConfig: ImageGenerationConfig(
                numberOfImages: 1, width: parameters.size.width, height: parameters.size.height,
                cfgScale: parameters.cfgScale, seed: parameters.seed, quality: "standard"
            )
        ))
    }

    public static func parseRequest(_ body: [UInt8], descriptor: ModelDescriptor) throws(ModelRequestError) -> GenerationParameters {
        let request = try PayloadJSON.decodeRequest(Request.self, from: body)
        guard request.taskType == "TEXT_IMAGE" else {
            throw .invalidBody("taskType \(request.taskType) is not supported; use TEXT_IMAGE")
        }
        let config = request.imageGenerationConfig
        let defaults = descriptor.defaults
        return GenerationParameters(
            prompt: request.textToImageParams.text, negativePrompt: request.textToImageParams.negativeText ?? "",
            model: descriptor.id, cfgScale: config?.cfgScale ?? defaults.cfgScale, steps: nil, seed: config?.seed,
            size: ImageSize(width: config?.width ?? defaults.size.width, height: config?.height ?? defaults.size.height),
            stylePreset: request.textToImageParams.style, sampler: nil
        )
    }

    public static func responseBody(png: [UInt8], seed: UInt32) -> [UInt8] {
        PayloadJSON.encode(Response(images: [PayloadJSON.base64(png)], error: nil))
    }

    public static func filteredResponseBody(reason: String) -> [UInt8] {
        PayloadJSON.encode(Response(images: [], error: filterReason(reason)))
    }

    public static func filterReason(_ reason: String) -> String {
        "This request has been blocked by our content filters: \(reason)"
    }

    public static func parseResponse(_ body: [UInt8]) throws(ModelResponseError) -> GeneratedImage {
        let response = try PayloadJSON.decodeResponse(Response.self, from: body)
        if let error = response.error, !error.isEmpty {
            if error.lowercased().contains("content filter") { throw .contentFiltered(reason: error) }
            throw .modelFailed(error)
        }
        guard let image = response.images?.first else { throw .noImage }
        return GeneratedImage(png: try PayloadJSON.png(fromBase64: image), seed: nil, finishReason: nil)
    }
}
