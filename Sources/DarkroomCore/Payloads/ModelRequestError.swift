/// Why an `InvokeModel` request body could not be read (what Bedrock answers with a ValidationException).
public enum ModelRequestError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidBody(String)

    public var description: String {
        switch self {
        case .invalidBody(let reason): "The model request is invalid: \(ErrorSentence.clause(reason))."
        }
    }
}
