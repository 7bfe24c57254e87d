import Foundation
import DarkroomCore

/// The wire form of a generation request and its answer, shared by every client that talks to the handler.
public enum GenerationRequest {
    /// The `POST /image-generation` body: `message` plus every parameter that is set.
    public static func body(for parameters: GenerationParameters, isAsync: Bool = false) -> [UInt8] {
        var fields: [String: Any] = ["message": parameters.prompt, "model": parameters.model.rawValue,
                                     "width": parameters.size.width, "height": parameters.size.height]
        if !parameters.negativePrompt.isEmpty { fields["negative_prompt"] = parameters.negativePrompt }
        if let value = parameters.cfgScale { fields["cfg_scale"] = value }
        if let value = parameters.steps { fields["steps"] = value }
        if let value = parameters.seed { fields["seed"] = Int(value) }
        if let value = parameters.stylePreset { fields["style_preset"] = value }
        if let value = parameters.sampler { fields["sampler"] = value }
        if isAsync { fields["async"] = true }
        // Every value above is a string, number or Bool, which JSONSerialization always accepts.
        return (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])).map { [UInt8]($0) } ?? []
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
