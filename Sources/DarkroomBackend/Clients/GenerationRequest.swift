#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DarkroomCore

/// The wire form of a generation request and its answer, shared by every client that talks to the handler.
public enum GenerationRequest {
    /// The `POST /image-generation` body: `message` plus every parameter that is set, under the names
    /// `ParameterField` gives them (the ones `GenerationRequestBody` reads back).
    public static func body(for parameters: GenerationParameters, isAsync: Bool = false) -> [UInt8] {
        var fields: [String: WireValue] = [:]
        func set(_ field: ParameterField, _ value: WireValue?) { fields[field.rawValue] = value }
        set(.prompt, .text(parameters.prompt))
        set(.model, .text(parameters.model.rawValue))
        set(.width, .integer(parameters.size.width))
        set(.height, .integer(parameters.size.height))
        set(.negativePrompt, parameters.negativePrompt.isEmpty ? nil : .text(parameters.negativePrompt))
        set(.cfgScale, parameters.cfgScale.map(WireValue.number))
        set(.steps, parameters.steps.map(WireValue.integer))
        set(.seed, parameters.seed.map { .integer(Int($0)) })
        set(.stylePreset, parameters.stylePreset.map(WireValue.text))
        set(.sampler, parameters.sampler.map(WireValue.text))
        if isAsync { fields["async"] = .flag(true) }
        // Strings, finite numbers and Bools only: encoding cannot fail.
        return CanonicalJSON.encode(fields) ?? []
    }

    /// One field's value; unset fields are left out of the body.
    private enum WireValue: Encodable {
        case text(String)
        case number(Double)
        case integer(Int)
        case flag(Bool)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let value): try container.encode(value)
            case .number(let value): try container.encode(value)
            case .integer(let value): try container.encode(value)
            case .flag(let value): try container.encode(value)
            }
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
