/// Stability SDXL 1.0: `text_prompts` with weights (negative weight for the negative prompt) → `artifacts[]`.
public enum StabilitySDXLPayload: ModelPayload {
    struct TextPrompt: Codable {
        var text: String
        var weight: Double?
    }

    struct Request: Codable {
        var textPrompts: [TextPrompt]
        var cfgScale: Double?
        var steps: Int?
        var seed: UInt32?
        var width: Int?
        var height: Int?
        var samples: Int?
        var stylePreset: String?
        var sampler: String?

        enum CodingKeys: String, CodingKey {
            case textPrompts = "text_prompts", cfgScale = "cfg_scale", steps, seed, width, height, samples
            case stylePreset = "style_preset", sampler
        }
    }

    struct Artifact: Codable {
        var base64: String?
        var seed: UInt32?
        var finishReason: String?
    }

    struct Response: Codable {
        var result: String?
        var artifacts: [Artifact]?
        var message: String?
    }

    public static func requestBody(for parameters: GenerationParameters, descriptor: ModelDescriptor) -> [UInt8] {
        var prompts = [TextPrompt(text: parameters.prompt, weight: 1)]
        if !parameters.negativePrompt.isEmpty {
            prompts.append(TextPrompt(text: parameters.negativePrompt, weight: -1))
        }
        return PayloadJSON.encode(Request(
            textPrompts: prompts, cfgScale: parameters.cfgScale, steps: parameters.steps, seed: parameters.seed,
            width: parameters.size.width, height: parameters.size.height, samples: 1,
            stylePreset: parameters.stylePreset, sampler: parameters.sampler
        ))
    }

    public static func parseRequest(_ body: [UInt8], descriptor: ModelDescriptor) throws(ModelRequestError) -> GenerationParameters {
        let request = try PayloadJSON.decodeRequest(Request.self, from: body)
        let positive = request.textPrompts.filter { ($0.weight ?? 1) >= 0 }.map(\.text)
        let negative = request.textPrompts.filter { ($0.weight ?? 1) < 0 }.map(\.text)
        guard !positive.isEmpty else { throw .invalidBody("text_prompts has no prompt with a positive weight") }
        let defaults = descriptor.defaults
        return GenerationParameters(
            prompt: positive.joined(separator: " "), negativePrompt: negative.joined(separator: " "),
            model: descriptor.id, cfgScale: request.cfgScale ?? defaults.cfgScale, steps: request.steps ?? defaults.steps,
            seed: request.seed,
            size: ImageSize(width: request.width ?? defaults.size.width, height: request.height ?? defaults.size.height),
            stylePreset: request.stylePreset, sampler: request.sampler
        )
    }

    public static func responseBody(png: [UInt8], seed: UInt32) -> [UInt8] {
        PayloadJSON.encode(Response(
            result: "success",
            artifacts: [Artifact(base64: PayloadJSON.base64(png), seed: seed, finishReason: "SUCCESS")],
            message: nil
        ))
    }

    public static func filteredResponseBody(reason: String) -> [UInt8] {
        PayloadJSON.encode(Response(
            result: "success", artifacts: [Artifact(base64: nil, seed: nil, finishReason: "CONTENT_FILTERED")], message: filterReason(reason)
        ))
    }

    public static func filterReason(_ reason: String) -> String { reason }

    public static func parseResponse(_ body: [UInt8]) throws(ModelResponseError) -> GeneratedImage {
        let response = try PayloadJSON.decodeResponse(Response.self, from: body)
        guard let artifact = response.artifacts?.first else {
            if let message = response.message { throw .modelFailed(message) }
            throw .noImage
        }
        switch artifact.finishReason {
        case "CONTENT_FILTERED":
            throw .contentFiltered(reason: response.message ?? "CONTENT_FILTERED")
        case "ERROR":
            throw .modelFailed(response.message ?? "finishReason ERROR")
        default:
            guard let base64 = artifact.base64 else { throw .noImage }
            return GeneratedImage(
                png: try PayloadJSON.png(fromBase64: base64), seed: artifact.seed, finishReason: artifact.finishReason
            )
        }
    }
}
