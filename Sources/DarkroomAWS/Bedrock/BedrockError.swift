/// Why a Bedrock Runtime call failed, from the `x-amzn-errortype` header and the body's message.
public enum BedrockError: Error, Equatable, CustomStringConvertible {
    case validation(String)
    case accessDenied(String)
    case throttling(String)
    case modelTimeout(String)
    case serviceUnavailable(String)
    case modelNotReady(String)
    case resourceNotFound(String)
    /// The model itself failed (`ModelErrorException`, `ModelStreamErrorException`).
    case modelError(String)
    case internalServer(String)
    /// The credentials were refused (`UnrecognizedClientException`, `InvalidSignatureException`, expired token).
    case invalidCredentials(code: String)
    case service(status: Int, code: String, message: String)
    case transport(HTTPClientError)

    public var description: String {
        switch self {
        case .validation(let message):
            return "Bedrock rejected the request (\(message)); check the model's parameters."
        case .accessDenied(let message):
            return "Bedrock denied access (\(message)); enable the model in the Bedrock console and check the IAM policy."
        case .throttling(let message):
            return "Bedrock is throttling requests (\(message)); wait a moment and try again."
        case .modelTimeout(let message):
            return "The model took too long (\(message)); try again or lower the steps."
        case .serviceUnavailable(let message):
            return "Bedrock is unavailable (\(message)); try again later."
        case .modelNotReady(let message):
            return "The model is not ready yet (\(message)); try again in a minute."
        case .resourceNotFound(let message):
            return "Bedrock does not know this model here (\(message)); check the model id and region."
        case .modelError(let message):
            return "The model failed (\(message)); try other parameters."
        case .internalServer(let message):
            return "Bedrock had an internal error (\(message)); try again later."
        case .invalidCredentials(let code):
            return AWSErrorSentence.refusedCredentials("Bedrock", code: code)
        case .service(let status, let code, let message):
            return AWSErrorSentence.unexpectedAnswer("Bedrock", status: status, code: code, message: message)
        case .transport(let error):
            return error.description
        }
    }

    /// Maps an error response; the message comes from the JSON body's `message`/`Message`, else the body's start.
    init(response: HTTPResponse) {
        let code = response.awsErrorCode ?? ""
        let message = AWSJSONService.errorMessage(in: response.body) ?? String(decoding: response.body.prefix(200), as: UTF8.self)
        switch code {
        case "ValidationException": self = .validation(message)
        case "AccessDeniedException": self = .accessDenied(message)
        case "ThrottlingException", "TooManyRequestsException", "ServiceQuotaExceededException": self = .throttling(message)
        case "ModelTimeoutException": self = .modelTimeout(message)
        case "ServiceUnavailableException": self = .serviceUnavailable(message)
        case "ModelNotReadyException": self = .modelNotReady(message)
        case "ResourceNotFoundException": self = .resourceNotFound(message)
        case "ModelErrorException", "ModelStreamErrorException": self = .modelError(message)
        case "InternalServerException": self = .internalServer(message)
        case "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException", "IncompleteSignatureException":
            self = .invalidCredentials(code: code)
        default: self = .service(status: response.status, code: code.isEmpty ? "(no code)" : code, message: message)
        }
    }
}
