import DarkroomCore
import DarkroomBackend
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How Bedrock Runtime reports a failed `InvokeModel`: the HTTP status, the exception name in the
/// `x-amzn-ErrorType` header and a `{"message": …}` body — so clients built for Bedrock parse local errors.
struct BedrockErrorResponse: Equatable {
    var status: Int
    var errorType: String
    var message: String

    init(_ error: ModelInvocationError) {
        switch error {
        case .validation(let detail): (status, errorType, message) = (400, "ValidationException", detail)
        // Bedrock's image models report a blocked prompt as a validation error naming the content filter.
        case .contentFiltered(let detail): (status, errorType, message) = (400, "ValidationException", "This request has been blocked by our content filters: \(detail)")
        case .accessDenied(let detail): (status, errorType, message) = (403, "AccessDeniedException", detail)
        case .modelNotFound(let detail): (status, errorType, message) = (404, "ResourceNotFoundException", detail)
        case .timeout(let detail): (status, errorType, message) = (408, "ModelTimeoutException", detail)
        case .failed(let detail): (status, errorType, message) = (424, "ModelErrorException", detail)
        case .throttled(let detail): (status, errorType, message) = (429, "ThrottlingException", detail)
        case .transport(let detail): (status, errorType, message) = (500, "InternalServerException", detail)
        case .unavailable(let detail): (status, errorType, message) = (503, "ServiceUnavailableException", detail)
        }
    }

    /// The response as Bedrock Runtime sends it.
    var backendResponse: BackendResponse {
        BackendResponse(
            status: status,
            headers: [
                "content-type": "application/json",
                "x-amzn-errortype": "\(errorType):http://internal.amazon.com/coral/com.amazon.bedrock/",
            ],
            // A one-string dictionary always encodes.
            body: CanonicalJSON.encode(["message": message]) ?? []
        )
    }
}
