import DarkroomCore

/// Why a model invocation failed, in Bedrock Runtime's terms.
public enum ModelInvocationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The request was refused as invalid (Bedrock `ValidationException`).
    case validation(String)
    /// The content filter blocked the prompt or the image.
    case contentFiltered(String)
    /// The caller may not invoke the model (`AccessDeniedException`, model access not granted).
    case accessDenied(String)
    /// Too many requests (`ThrottlingException`, `ServiceQuotaExceededException`).
    case throttled(String)
    /// The model or the connection took too long (`ModelTimeoutException`, read timeout).
    case timeout(String)
    /// No such model in this region (`ResourceNotFoundException`).
    case modelNotFound(String)
    /// The model is not ready or the service is down (`ModelNotReadyException`, `ServiceUnavailableException`).
    case unavailable(String)
    /// The request never got an answer (DNS, TLS, connection refused).
    case transport(String)
    /// Any other model failure.
    case failed(String)

    public var description: String {
        switch self {
        case .validation(let detail): "The model refused the request as invalid: \(ErrorSentence.clause(detail))."
        case .contentFiltered(let detail): "The model's content filter blocked this generation (\(detail)); change the prompt."
        case .accessDenied(let detail): "Access to the model was denied (\(detail)); request model access in the Bedrock console and check IAM permissions."
        case .throttled(let detail): "The model is throttling requests (\(detail)); wait and try again."
        case .timeout(let detail):
            ErrorSentence.wrapping(detail, lead: "The model did not answer in time", advice: "try again, or use asynchronous mode")
        case .modelNotFound(let detail): "The model is not available here (\(detail)); check the model id and region."
        case .unavailable(let detail): "The model is not available right now (\(detail)); try again shortly."
        case .transport(let detail): ErrorSentence.wrapping(detail, lead: "The model could not be reached", advice: "check the network and endpoint")
        case .failed(let detail): "The model failed: \(ErrorSentence.clause(detail))."
        }
    }
}
