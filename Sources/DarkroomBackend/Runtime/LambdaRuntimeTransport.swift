/// Sends plain HTTP requests to the Runtime API endpoint (`http://$AWS_LAMBDA_RUNTIME_API`).
///
/// The `next` call blocks until Lambda has an event, so an implementation must not time it out.
public protocol LambdaRuntimeTransport: Sendable {
    /// Sends one request and returns the response (header names lower-cased), or throws
    /// `LambdaRuntimeError.transport`.
    func send(method: String, url: String, headers: [String: String], body: [UInt8]) async throws(LambdaRuntimeError)
        -> BackendResponse
}
