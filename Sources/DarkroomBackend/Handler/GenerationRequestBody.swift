import DarkroomCore

/// The `POST /image-generation` body: `{"message": "<prompt>"}` as the reference system takes it, plus an
/// optional field for every parameter and `async`.
struct GenerationRequestBody {
    var parameters: GenerationParameters
    var descriptor: ModelDescriptor
    var isAsync: Bool

    private static let knownFields: Set<String> = Set(ParameterField.allCases.map(\.rawValue)).union(["async"])

    /// Reads and type-checks every field; the values' ranges are checked later by `validated(using:)`.
    /// `defaultSize` applies when the model produces it; otherwise the model's own default size does.
    static func parse(
        _ bytes: [UInt8], defaultModel: ModelID, defaultSize: ImageSize? = nil
    ) throws(RequestBodyError) -> GenerationRequestBody {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            switch error {
            case .notUTF8: throw .notUTF8
            case .tooDeep(let limit): throw .tooDeep(limit: limit)
            case .duplicateKey(let key): throw .duplicateField(key)
            case .syntax: throw .malformedJSON
            }
        }
        guard let fields = json.object else { throw .notAnObject }
        if let unknown = fields.keys.sorted().first(where: { !knownFields.contains($0) }) {
            throw .unknownField(unknown)
        }

        let modelID = try string(fields, .model).map { ModelID($0) } ?? defaultModel
        guard let descriptor = ModelCatalog.descriptor(for: modelID) else {
            throw .parameter(.unknownModel(modelID))
        }
        guard let prompt = try string(fields, .prompt) else { throw .parameter(.missing(.prompt)) }
        let defaults = defaultSize.flatMap { descriptor.sizes.contains($0) ? $0 : nil } ?? descriptor.defaultSize
        let seed = try integer(fields, .seed)
        if let seed, seed < 0 || seed > Int(UInt32.max) {
            throw .parameter(.outOfRange(.seed, value: "\(seed)", allowed: "0 to \(descriptor.seedRange.upperBound)"))
        }
        let parameters = GenerationParameters(
            prompt: prompt, negativePrompt: try string(fields, .negativePrompt) ?? "", model: modelID,
            cfgScale: try number(fields, .cfgScale), steps: try integer(fields, .steps), seed: seed.map { UInt32($0) },
            size: ImageSize(width: try integer(fields, .width) ?? defaults.width, height: try integer(fields, .height) ?? defaults.height),
            stylePreset: try string(fields, .stylePreset), sampler: try string(fields, .sampler)
        )
        let isAsync: Bool
        switch fields["async"] {
        case nil, .null: isAsync = false
        case .bool(let value): isAsync = value
        default: throw .notABoolean("async")
        }
        return GenerationRequestBody(parameters: parameters, descriptor: descriptor, isAsync: isAsync)
    }

    private static func string(_ fields: [String: JSONValue], _ field: ParameterField) throws(RequestBodyError) -> String? {
        switch fields[field.rawValue] {
        case nil, .null: return nil
        case .string(let value): return value
        default: throw .parameter(.invalidValue(field, reason: "it must be a string"))
        }
    }

    private static func number(_ fields: [String: JSONValue], _ field: ParameterField) throws(RequestBodyError) -> Double? {
        switch fields[field.rawValue] {
        case nil, .null: return nil
        case .number(let value): return value
        default: throw .parameter(.invalidValue(field, reason: "it must be a number"))
        }
    }

    private static func integer(_ fields: [String: JSONValue], _ field: ParameterField) throws(RequestBodyError) -> Int? {
        guard let value = try number(fields, field) else { return nil }
        guard value == value.rounded(), abs(value) < 1e15 else {
            throw .parameter(.invalidValue(field, reason: "it must be a whole number"))
        }
        return Int(value)
    }
}

/// Why a request body was refused before any model call.
enum RequestBodyError: Error, Equatable {
    case malformedJSON
    case notUTF8
    case tooDeep(limit: Int)
    case duplicateField(String)
    case notAnObject
    case unknownField(String)
    case notABoolean(String)
    case parameter(ParameterError)

    /// The body field at fault, when there is one.
    var field: String? {
        switch self {
        case .malformedJSON, .notUTF8, .tooDeep, .notAnObject: nil
        case .unknownField(let name), .notABoolean(let name), .duplicateField(let name): name.escapingControlCharacters()
        case .parameter(let error): error.field
        }
    }

    var message: String {
        switch self {
        case .malformedJSON:
            "The request body is not valid JSON; send {\"message\": \"<prompt>\"}."
        case .notUTF8:
            "The request body is not UTF-8 text; send JSON encoded as UTF-8."
        case .tooDeep(let limit):
            "The request body nests more than \(limit) levels; send a flat object such as {\"message\": \"<prompt>\"}."
        case .duplicateField(let name):
            "The field `\(name.escapingControlCharacters())` appears more than once; give each field once."
        case .notAnObject:
            "The request body must be a JSON object such as {\"message\": \"<prompt>\"}."
        case .unknownField(let name) where name == "prompt":
            "The field `prompt` is not known; the prompt goes in `message`."
        case .unknownField(let name):
            "The field `\(name.escapingControlCharacters())` is not known; the fields are `message`, "
                + ParameterField.allCases.dropFirst().map { "`\($0.rawValue)`" }.joined(separator: ", ") + " and `async`."
        case .notABoolean(let name):
            "The field `\(name)` must be true or false."
        case .parameter(let error):
            error.description
        }
    }
}
