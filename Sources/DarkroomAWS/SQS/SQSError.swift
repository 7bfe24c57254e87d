/// Why an SQS call failed, from the error type in the JSON answer (`__type`) and its message.
public enum SQSError: Error, Equatable, CustomStringConvertible {
    /// The queue URL names no queue (wrong URL, region or account, or the stack was deleted).
    case queueNotFound(String)
    case accessDenied(String)
    /// The credentials were refused (`UnrecognizedClientException`, `InvalidSignatureException`, expired token).
    case invalidCredentials(code: String)
    /// A receipt handle that expired (the message's visibility timeout passed) or is not this queue's.
    case receiptHandleInvalid(String)
    case service(status: Int, code: String, message: String)
    case transport(HTTPClientError)
    case invalidResponse(String)

    public var description: String {
        switch self {
        case .queueNotFound(let message):
            "The queue does not exist (\(message)); check the queue URL (the stack's DeadLetterQueueUrl output) and the region."
        case .accessDenied(let message):
            "SQS denied access (\(message)); the IAM identity needs sqs:ReceiveMessage and sqs:DeleteMessage on the queue."
        case .invalidCredentials(let code):
            AWSErrorSentence.refusedCredentials("SQS", code: code)
        case .receiptHandleInvalid(let message):
            "The message was no longer held by this receiver (\(message)); list the queue again and retry."
        case .service(let status, let code, let message):
            AWSErrorSentence.unexpectedAnswer("SQS", status: status, code: code, message: message)
        case .transport(let error):
            error.description
        case .invalidResponse(let reason):
            "SQS sent an answer darkroom cannot read (\(reason)); check that the endpoint is SQS."
        }
    }

    /// Maps an error response; the error type is the part after `#` in `__type` (`com.amazonaws.sqs#QueueDoesNotExist`).
    init(response: HTTPResponse) {
        let code = String((response.awsErrorCode ?? "").split(separator: "#").last ?? "")
        let message = AWSJSONService.errorMessage(in: response.body) ?? ""
        switch code {
        case "QueueDoesNotExist", "NonExistentQueue", "AWS.SimpleQueueService.NonExistentQueue": self = .queueNotFound(message)
        case "AccessDenied", "AccessDeniedException": self = .accessDenied(message)
        case "ReceiptHandleIsInvalid": self = .receiptHandleInvalid(message)
        case "InvalidParameterValue" where message.contains("receipt handle"): self = .receiptHandleInvalid(message)
        case "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException", "IncompleteSignature",
             "InvalidClientTokenId", "SignatureDoesNotMatch":
            self = .invalidCredentials(code: code)
        default: self = .service(status: response.status, code: code.isEmpty ? "(no code)" : code, message: message)
        }
    }
}
