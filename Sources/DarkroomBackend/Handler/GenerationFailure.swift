import DarkroomCore
import DarkroomImaging

/// Why a generation request failed, with the HTTP status and the JSON error body the handler answers with.
public enum GenerationFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The request was refused before any model call (400, naming the field).
    case invalidRequest(message: String, field: String?)
    /// The method is not POST (405).
    case methodNotAllowed(String)
    /// The body is larger than any valid request (413).
    case bodyTooLarge(limit: Int)
    /// The model call failed.
    case model(ModelInvocationError)
    /// The model's content filter blocked the image (422, with the model's reason).
    case contentFiltered(reason: String)
    /// The model answered without a usable image (502).
    case badModelResponse(String)
    /// The image was made but could not be stored (502); the seed makes it again.
    case storage(StorageError, seed: UInt32)
    /// Asynchronous mode could not start the job (503), or is not available here (400).
    case dispatch(String, available: Bool)

    /// The HTTP status the handler answers with.
    public var status: Int {
        switch self {
        case .invalidRequest: 400
        case .methodNotAllowed: 405
        case .bodyTooLarge: 413
        case .contentFiltered: 422
        case .badModelResponse, .storage: 502
        case .dispatch(_, let available): available ? 503 : 400
        case .model(let error):
            switch error {
            case .validation: 400
            case .contentFiltered: 422
            case .accessDenied: 403
            case .throttled: 429
            case .timeout: 504
            case .modelNotFound: 404
            case .unavailable: 503
            case .transport, .failed: 502
            }
        }
    }

    /// A stable machine-readable name for the failure.
    public var code: String {
        switch self {
        case .invalidRequest: "invalid_request"
        case .methodNotAllowed: "method_not_allowed"
        case .bodyTooLarge: "body_too_large"
        case .contentFiltered: "content_filtered"
        case .badModelResponse: "bad_model_response"
        case .storage: "storage_failed"
        case .dispatch: "async_unavailable"
        case .model(let error):
            switch error {
            case .validation: "model_validation"
            case .contentFiltered: "content_filtered"
            case .accessDenied: "access_denied"
            case .throttled: "throttled"
            case .timeout: "model_timeout"
            case .modelNotFound: "model_not_found"
            case .unavailable: "model_unavailable"
            case .transport, .failed: "model_failed"
            }
        }
    }

    public var description: String {
        switch self {
        case .invalidRequest(let message, _): message
        case .methodNotAllowed(let method): "The method \(method) is not allowed; send POST with a JSON body."
        case .bodyTooLarge(let limit): "The request body is larger than \(limit) bytes; shorten the prompt."
        case .model(let error): error.description
        case .contentFiltered(let reason): "The model's content filter blocked this generation (\(reason)); change the prompt."
        case .badModelResponse(let detail): "The model's answer held no usable image (\(detail)); try again."
        case .storage(let error, let seed):
            // The store's own message is a sentence: it follows, rather than nesting in parentheses.
            "The image was generated but not stored; seed \(seed) makes it again. \(error)"
        case .dispatch(let reason, _): reason
        }
    }

    /// The JSON error body: `error`, `code`, and `field`, `seed` or `reason` when they apply.
    var body: ErrorBody {
        var body = ErrorBody(error: description, code: code)
        switch self {
        case .invalidRequest(_, let field): body.field = field
        case .storage(_, let seed): body.seed = seed
        case .contentFiltered(let reason): body.reason = reason
        case .model(.contentFiltered(let reason)): body.reason = reason
        case .dispatch(_, available: false): body.field = "async"
        default: break
        }
        return body
    }
}

/// The JSON every failed request answers with.
public struct ErrorBody: Codable, Sendable, Equatable {
    /// One sentence: what failed and what to do.
    public var error: String
    /// `GenerationFailure.code`.
    public var code: String
    /// The request-body field at fault, for 400s.
    public var field: String?
    /// The seed of an image that was generated but not stored.
    public var seed: UInt32?
    /// The model's content-filter reason.
    public var reason: String?

    public init(error: String, code: String, field: String? = nil, seed: UInt32? = nil, reason: String? = nil) {
        self.error = error
        self.code = code
        self.field = field
        self.seed = seed
        self.reason = reason
    }
}
