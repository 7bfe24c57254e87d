/// Why the transport gave up on a request (HTTP error statuses are responses, not errors).
public enum HTTPClientError: Error, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case cannotConnect(host: String, attempts: Int)
    case timedOut(host: String, attempts: Int)
    case connectionLost(host: String, attempts: Int)
    case tlsFailure(host: String, detail: String)
    case transport(host: String, detail: String, attempts: Int)
    case cancelled

    public var description: String {
        switch self {
        case .invalidURL(let url):
            return "'\(url)' is not an http(s) URL; check the endpoint setting."
        case .cannotConnect(let host, let attempts):
            return "Could not connect to \(host) (\(Self.tries(attempts))); check the endpoint, network and proxy settings."
        case .timedOut(let host, let attempts):
            return "\(host) did not answer in time (\(Self.tries(attempts))); check the network and the endpoint, then try again later."
        case .connectionLost(let host, let attempts):
            return "The connection to \(host) was dropped before a full response (\(Self.tries(attempts))); try again later."
        case .tlsFailure(let host, let detail):
            return "The TLS connection to \(host) failed (\(detail)); check AWS_CA_BUNDLE and the endpoint URL."
        case .transport(let host, let detail, let attempts):
            return "The request to \(host) failed: \(detail) (\(Self.tries(attempts)))."
        case .cancelled:
            return "The request was cancelled."
        }
    }

    private static func tries(_ attempts: Int) -> String {
        attempts == 1 ? "1 attempt" : "\(attempts) attempts"
    }
}
