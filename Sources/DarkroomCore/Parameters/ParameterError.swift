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

    public var description: String {
        switch self {
        case .missing(let field):
            "The \(field.label) (`\(field.rawValue)`) is empty; give one."
        case .unknownModel(let id):
            "The model `\(id.rawValue.escapingControlCharacters())` is not one darkroom knows; use one of "
                + ModelCatalog.all.map(\.id.rawValue).joined(separator: ", ") + "."
        case .promptTooLong(let field, let limit, let actual):
            "The \(field.label) (`\(field.rawValue)`) has \(actual) characters but the model accepts at most \(limit); shorten it."
        case .outOfRange(let field, let value, let allowed):
            "The \(field.label) (`\(field.rawValue)`) \(value) is out of range; the model accepts \(allowed)."
        case .unsupportedSize(let size, let model, let allowed):
            "The size \(size) (`width`, `height`) is not one \(model) produces; use one of "
                + allowed.map(\.description).joined(separator: ", ") + "."
        case .notAllowed(let field, let value, let allowed):
            "The \(field.label) (`\(field.rawValue)`) \"\(value.escapingControlCharacters())\" is not known to the model; use one of "
                + allowed.joined(separator: ", ") + "."
        case .invalidValue(let field, let reason):
            "The \(field.label) (`\(field.rawValue)`) is invalid: \(reason)."
        case .controlCharacter(let field, let scalar, let position):
            "The \(field.label) (`\(field.rawValue)`) contains the control character \(ControlCharacters.name(scalar)) at "
                + "character \(position); remove it (tab and newline are the only ones allowed)."
        }
    }
}
