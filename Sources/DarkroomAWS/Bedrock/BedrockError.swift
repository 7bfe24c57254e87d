/// Why a Bedrock Runtime call failed, from the `x-amzn-errortype` header and the body's message.
public enum BedrockError: Error, Equatable, CustomStringConvertible {
    /// Bedrock answered with one of its documented error types; `message` is its own explanation.
    case rejected(Reason, message: String)
    /// The credentials were refused (`UnrecognizedClientException`, `InvalidSignatureException`, expired token).
    case invalidCredentials(code: String)
    case service(status: Int, code: String, message: String)
    case transport(HTTPClientError)

    /// The documented error types that carry a message, each with what it means and what to do about it.
    public enum Reason: Sendable, Hashable, CaseIterable {
        case validation
        case accessDenied
        case throttling
        case modelTimeout
        case serviceUnavailable
        case modelNotReady
        case resourceNotFound
        /// The model itself failed (`ModelErrorException`, `ModelStreamErrorException`).
        case modelError
        case internalServer

        /// The error types Bedrock names it by, what happened (the sentence's start, before Bedrock's message)
        /// and what to do (after it).
        private var entry: (errorTypes: [String], happened: String, advice: String) {
            switch self {
            case .validation:
                (["ValidationException"], "Bedrock rejected the request", "check the model's parameters")
            case .accessDenied:
                (["AccessDeniedException"], "Bedrock denied access", "enable the model in the Bedrock console and check the IAM policy")
            case .throttling:
                (["ThrottlingException", "TooManyRequestsException", "ServiceQuotaExceededException"],
                 "Bedrock is throttling requests", "wait a moment and try again")
            case .modelTimeout:
                (["ModelTimeoutException"], "The model took too long", "try again or lower the steps")
            case .serviceUnavailable:
                (["ServiceUnavailableException"], "Bedrock is unavailable", "try again later")
            case .modelNotReady:
                (["ModelNotReadyException"], "The model is not ready yet", "try again in a minute")
            case .resourceNotFound:
                (["ResourceNotFoundException"], "Bedrock does not know this model here", "check the model id and region")
            case .modelError:
                (["ModelErrorException", "ModelStreamErrorException"], "The model failed", "try other parameters")
            case .internalServer:
                (["InternalServerException"], "Bedrock had an internal error", "try again later")
            }
        }

        /// The reason Bedrock's error type `code` names, if it is one of these.
        init?(errorType code: String) {
            guard let reason = Self.allCases.first(where: { $0.entry.errorTypes.contains(code) }) else { return nil }
            self = reason
        }

        func sentence(message: String) -> String {
            "\(entry.happened) (\(message)); \(entry.advice)."
        }
    }

    public var description: String {
        switch self {
        case .rejected(let reason, let message):
            return reason.sentence(message: message)
        case .invalidCredentials(let code):
            return AWSErrorSentence.refusedCredentials("Bedrock", code: code)
        case .service(let status, let code, let message):
            return AWSErrorSentence.unexpectedAnswer("Bedrock", status: status, code: code, message: message)
        case .transport(let error):
            return error.description
        }
    }

    private static let credentialErrorTypes: Set = [
        "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException", "IncompleteSignatureException",
    ]

    /// Maps an error response; the message comes from the JSON body's `message`/`Message`, else the body's start.
    init(response: HTTPResponse) {
        let code = response.awsErrorCode ?? ""
        let message = AWSJSONService.errorMessage(in: response.body) ?? String(decoding: response.body.prefix(200), as: UTF8.self)
        if let reason = Reason(errorType: code) {
            self = .rejected(reason, message: message)
        } else if Self.credentialErrorTypes.contains(code) {
            self = .invalidCredentials(code: code)
        } else {
            self = .service(status: response.status, code: code.isEmpty ? "(no code)" : code, message: message)
        }
    }
}
