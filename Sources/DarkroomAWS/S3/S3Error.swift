/// Why an S3 call failed, from S3's error code where there is one.
public enum S3Error: Error, Equatable, CustomStringConvertible {
    case noSuchKey(bucket: String, key: String)
    case noSuchBucket(String)
    case accessDenied(String)
    /// A conditional write (`If-None-Match: *`) found an object already there.
    case alreadyExists(bucket: String, key: String)
    case slowDown
    /// The credentials were refused (`InvalidAccessKeyId`, `SignatureDoesNotMatch`, expired token).
    case invalidCredentials(code: String)
    case invalidRange
    case invalidArgument(String)
    /// Any other error response.
    case service(status: Int, code: String, message: String)
    case transport(HTTPClientError)
    case invalidResponse(String)

    public var description: String {
        switch self {
        case .noSuchKey(let bucket, let key):
            return "s3://\(bucket)/\(key) does not exist; check the key with `darkroom ls`."
        case .noSuchBucket(let bucket):
            return "The bucket '\(bucket)' does not exist; check the bucket name and region."
        case .accessDenied(let message):
            return "S3 denied access (\(message)); check the IAM policy of the credentials in use."
        case .alreadyExists(let bucket, let key):
            return "s3://\(bucket)/\(key) already exists and was not overwritten; choose another key."
        case .slowDown:
            return "S3 asked to slow down after repeated attempts; wait a little and try again."
        case .invalidCredentials(let code):
            return AWSErrorSentence.refusedCredentials("S3", code: code)
        case .invalidRange:
            return "The requested byte range is outside the object; ask for a range within its size."
        case .invalidArgument(let message):
            return message
        case .service(let status, let code, let message):
            return AWSErrorSentence.unexpectedAnswer("S3", status: status, code: code, message: message)
        case .transport(let error):
            return error.description
        case .invalidResponse(let detail):
            return "S3 sent a response darkroom cannot read (\(detail)); check that the endpoint is S3."
        }
    }
}
