/// An HTTP request as the handler sees it, whichever front door it came through
/// (API Gateway v1/v2 event, Lambda function URL event, or the local stack's HTTP server).
public struct BackendRequest: Sendable, Equatable {
    /// The HTTP method, upper case (`POST`).
    public var method: String
    /// The request path without the query string (`/image-generation`).
    public var path: String
    /// Header names are lower-cased; a repeated header's values are joined with `,`.
    public var headers: [String: String]
    /// The decoded body (base64-encoded event bodies are already decoded here).
    public var body: [UInt8]

    public init(method: String, path: String, headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

/// An HTTP response from the handler, before it is encoded for the front door that asked.
public struct BackendResponse: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// Response headers; `content-type` is always set.
    public var headers: [String: String]
    /// The body bytes (JSON for every handler route).
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Anything that answers a `BackendRequest`: the image-generation handler, or a test double.
public protocol RequestHandling: Sendable {
    /// Answers one request; failures are responses (4xx/5xx with a JSON error), never thrown.
    func handle(_ request: BackendRequest) async -> BackendResponse
}
