/// Why generation parameters were refused, naming the field so a user (or a 400 response) can point at it.
public enum ParameterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A required field is absent or blank.
    case missing(ParameterField)
    /// The model is not in the catalog.
    case unknownModel(ModelID)
    /// The prompt or negative prompt is longer than the model accepts.
    case promptTooLong(ParameterField, limit: Int, actual: Int)
    /// A number lies outside the model's documented range.
    case outOfRange(ParameterField, value: String, allowed: String)
    /// A size the model does not produce.
    case unsupportedSize(ImageSize, model: ModelID, allowed: [ImageSize])
    /// A style preset or sampler the model does not know.
    case notAllowed(ParameterField, value: String, allowed: [String])
    /// A value of the wrong kind (text where a number belongs, a fraction for steps).
    case invalidValue(ParameterField, reason: String)
    /// A control character (see `ControlCharacters`) in text, at `position` (characters, 1-based).
    case controlCharacter(ParameterField, scalar: Unicode.Scalar, position: Int)

    /// The request-body field at fault (`message`, `cfg_scale`, …).
    public var field: String {
        parameterField.rawValue
    }

    /// The parameter at fault.
    public var parameterField: ParameterField {
        switch self {
        case .missing(let field), .promptTooLong(let field, _, _), .outOfRange(let field, _, _),
             .notAllowed(let field, _, _), .invalidValue(let field, _), .controlCharacter(let field, _, _):
            field
        case .unknownModel:
            .model
        case .unsupportedSize(let size, _, let allowed):
            // Point at the side that no accepted size has, so the fix is obvious.
            allowed.contains { $0.width == size.width } ? .height : .width
        }
    }

    /// Named as the request body spells the fields: the API's 400 answers, the handler's logs.
    public var description: String { description(naming: .requestBody) }

    /// The sentence for the reader `naming` is for.
    public func description(naming: FieldNaming) -> String {
        switch self {
        case .missing(let field):
            "\(naming.subject(field)) is empty; give one."
        case .unknownModel(let id):
            "The model `\(id.rawValue.escapingControlCharacters())` is not one darkroom knows; use one of "
                + ModelCatalog.all.map(\.id.rawValue).joined(separator: ", ") + "."
        case .promptTooLong(let field, let limit, let actual):
            "\(naming.subject(field)) has \(actual) characters but the model accepts at most \(limit); shorten it."
        case .outOfRange(let field, let value, let allowed):
            "\(naming.subject(field)) \(value) is out of range; the model accepts \(allowed)."
        case .unsupportedSize(let size, let model, let allowed):
            "\(naming.sizeSubject(size)) is not one \(model) produces; use one of "
                + allowed.map(\.description).joined(separator: ", ") + "."
        case .notAllowed(let field, let value, let allowed):
            "\(naming.subject(field)) \"\(value.escapingControlCharacters())\" is not known to the model; use one of "
                + allowed.joined(separator: ", ") + "."
        case .invalidValue(let field, let reason):
            "\(naming.subject(field)) is invalid: \(reason)."
        case .controlCharacter(let field, let scalar, let position):
            "\(naming.subject(field)) contains the control character \(ControlCharacters.name(scalar)) at "
                + "character \(position); remove it (tab and newline are the only ones allowed)."
        }
    }
}

/// How a message names the field at fault, for the reader it goes to.
public enum FieldNaming: Sendable {
    /// As the request body spells it: "The CFG scale (`cfg_scale`)", for the API's clients.
    case requestBody
    /// As `darkroom generate` spells it: "--cfg-scale" (the prompt, an argument, is "The prompt").
    case commandLine
    /// By its name alone, "The CFG scale": the app, whose panels label the fields.
    case plain

    func subject(_ field: ParameterField) -> String {
        switch self {
        case .requestBody: "The \(field.label) (`\(field.rawValue)`)"
        case .commandLine: field.commandLineOption ?? "The \(field.label)"
        case .plain: "The \(field.label)"
        }
    }

    func sizeSubject(_ size: ImageSize) -> String {
        switch self {
        case .requestBody: "The size \(size) (`width`, `height`)"
        case .commandLine: "--size \(size)"
        case .plain: "The size \(size)"
        }
    }
}
