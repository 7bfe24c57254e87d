/// One HTTP exchange with the Lambda Runtime API, as the loop needs it.
public struct LambdaRuntimeExchange: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// Response headers, names lower-cased.
    public var headers: [String: String]
    /// The response body.
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends plain HTTP requests to the Runtime API endpoint (`http://$AWS_LAMBDA_RUNTIME_API`).
///
/// The `next` call blocks until Lambda has an event, so an implementation must not time it out.
public protocol LambdaRuntimeTransport: Sendable {
    /// Sends one request and returns the response, or throws `LambdaRuntimeError.transport`.
    func send(method: String, url: String, headers: [String: String], body: [UInt8]) async throws(LambdaRuntimeError)
        -> LambdaRuntimeExchange
}
