import DarkroomCore

/// Why a generation job failed, as a client sees it: each case says what to do next.
public enum GenerationClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter was refused (400); `field` is the request-body field at fault.
    case invalidParameter(field: String?, message: String)
    /// The content filter blocked the prompt or the image (422).
    case contentFiltered(reason: String)
    /// Too many requests (429); retry later.
    case throttled(String)
    /// Credentials or permissions were refused (401/403).
    case accessDenied(String)
    /// The model or the gateway timed out (504); retry, or use asynchronous mode.
    case timeout(String)
    /// The image was generated but not stored; `seed` makes it again.
    case storageFailed(seed: UInt32?, message: String)
    /// The model failed or is unavailable.
    case modelFailed(String)
    /// The backend could not be reached.
    case unreachable(String)
    /// Any other answer.
    case unexpectedResponse(status: Int, message: String)

    /// Reads a handler's error answer (`ErrorBody` JSON), falling back to the status alone.
    public init(status: Int, body: [UInt8]) {
        let decoded = JSONValue.parse(body)
        // The answer comes from a server and ends up on a terminal: no control characters.
        let message = (decoded?["error"]?.string ?? decoded?["message"]?.string
            ?? String(decoding: body.prefix(300), as: UTF8.self)).strippingControlCharacters()
        let seed: UInt32? = if case .number(let value) = decoded?["seed"] ?? .null { UInt32(exactly: value) } else { nil }
        self.init(status: status, answer: ErrorBody(error: message, code: decoded?["code"]?.string ?? "", field: decoded?["field"]?.string,
                                                    seed: seed, reason: decoded?["reason"]?.string))
    }

    /// The handler's failure as a client sees it, without the JSON in between: the same error its HTTP answer
    /// reads as (`init(status:body:)`), so the in-process and HTTP faces agree.
    public init(_ failure: GenerationFailure) {
        self.init(status: failure.status, answer: failure.body)
    }

    private init(status: Int, answer: ErrorBody) {
        let message = answer.error
        switch (status, answer.code) {
        case (_, "storage_failed"):
            self = .storageFailed(seed: answer.seed, message: message)
        case (_, "content_filtered"), (422, _):
            self = .contentFiltered(reason: answer.reason ?? message)
        case (400, _), (413, _):
            self = .invalidParameter(field: answer.field, message: message)
        case (401, _), (403, _):
            self = .accessDenied(message)
        case (429, _):
            self = .throttled(message)
        case (504, _):
            self = .timeout(message)
        case (500...599, _):
            self = .modelFailed(message)
        default:
            self = .unexpectedResponse(status: status, message: message)
        }
    }

    /// The handler's own answers are complete sentences and read as they are; a gateway's or server's words are
    /// framed with what failed and what to do.
    public var description: String {
        switch self {
        case .invalidParameter(_, let message): message
        case .contentFiltered(let reason): "The content filter blocked this generation (\(reason)); change the prompt."
        case .throttled(let message): ErrorSentence.replacing(message, lead: "The backend is throttling requests", advice: "wait and try again")
        case .accessDenied(let message): ErrorSentence.replacing(message, lead: "Access was denied", advice: "check credentials and permissions")
        case .timeout(let message):
            // A gateway's own words ("Endpoint request timed out", API Gateway's 504 at 29 s): the function runs on.
            ErrorSentence.replacing(message, lead: "The generation timed out",
                                    advice: "the function may still store the image, so check `darkroom ls` before trying again, or use asynchronous mode")
        case .storageFailed(let seed, let message):
            ErrorSentence.replacing(message, lead: "The image was not stored", advice: seed.map { "seed \($0) makes it again" } ?? "try again")
        case .modelFailed(let message): ErrorSentence.replacing(message, lead: "The generation failed", advice: "try again")
        case .unreachable(let message):
            ErrorSentence.replacing(message, lead: "The backend could not be reached", advice: "check the endpoint and network")
        case .unexpectedResponse(let status, let message):
            "The backend answered HTTP \(status)" + (message.isEmpty ? "" : " (\(message))")
                + (status == 404 ? "; check the endpoint: it is the API's stage URL, to which darkroom adds /image-generation." : ".")
        }
    }
}
