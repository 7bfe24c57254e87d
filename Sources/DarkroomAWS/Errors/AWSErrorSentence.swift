/// The sentences the AWS services' error enums (`S3Error`, `BedrockError`, `SQSError`) share, with the service's
/// name in them, so a refused key or an unknown error code reads the same whichever service answered.
enum AWSErrorSentence {
    static func refusedCredentials(_ service: String, code: String) -> String {
        "\(service) refused the credentials (\(code)); check the access key, secret and clock."
    }

    static func unexpectedAnswer(_ service: String, status: Int, code: String, message: String) -> String {
        "\(service) answered HTTP \(status) \(code)\(message.isEmpty ? "" : ": \(message)")."
    }
}
