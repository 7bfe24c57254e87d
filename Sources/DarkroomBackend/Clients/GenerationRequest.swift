#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DarkroomCore

/// The wire form of a generation request and its answer, shared by every client that talks to the handler.
public enum GenerationRequest {
    /// The `POST /image-generation` body: `message` plus every parameter that is set.
    public static func body(for parameters: GenerationParameters, isAsync: Bool = false) -> [UInt8] {
        let body = Body(
            message: parameters.prompt, model: parameters.model.rawValue, width: parameters.size.width,
            height: parameters.size.height, negativePrompt: parameters.negativePrompt.isEmpty ? nil : parameters.negativePrompt,
            cfgScale: parameters.cfgScale, steps: parameters.steps, seed: parameters.seed, stylePreset: parameters.stylePreset,
            sampler: parameters.sampler, isAsync: isAsync ? true : nil)
        // Strings, numbers and Bools only: encoding cannot fail.
        return CanonicalJSON.encode(body) ?? []
    }

    /// The body's fields; unset ones are left out.
    private struct Body: Encodable {
        let message: String
        let model: String
        let width: Int
        let height: Int
        let negativePrompt: String?
        let cfgScale: Double?
        let steps: Int?
        let seed: UInt32?
        let stylePreset: String?
        let sampler: String?
        let isAsync: Bool?

        enum CodingKeys: String, CodingKey {
            case message, model, width, height, steps, seed, sampler
            case negativePrompt = "negative_prompt", cfgScale = "cfg_scale", stylePreset = "style_preset", isAsync = "async"
        }
    }

    /// The result of a 200/202 answer, or the error any other answer carries.
    public static func result(status: Int, body: [UInt8]) throws(GenerationClientError) -> GenerationResult {
        guard status == 200 || status == 202 else { throw GenerationClientError(status: status, body: body) }
        do {
            return try JSONDecoder().decode(GenerationResult.self, from: Data(body))
        } catch {
            throw .unexpectedResponse(status: status, message: "the answer is not a generation result")
        }
    }
}
