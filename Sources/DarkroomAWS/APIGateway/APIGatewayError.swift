/// Why a call to the deployed API failed.
public enum APIGatewayError: Error, Equatable, CustomStringConvertible {
    /// The API answered with an error status; the body is kept as sent.
    case failed(status: Int, body: [UInt8])
    case transport(HTTPClientError)

    public var description: String {
        switch self {
        case .failed(let status, let body):
            let text = String(decoding: body.prefix(300), as: UTF8.self)
            let hint = status == 403 ? "check the API key or IAM credentials" : "see the API's logs"
            return "The API answered HTTP \(status)\(text.isEmpty ? "" : ": \(text)"); \(hint)."
        case .transport(let error):
            return error.description
        }
    }
}
