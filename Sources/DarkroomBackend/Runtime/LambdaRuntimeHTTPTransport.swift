import DarkroomAWS

/// The Runtime API over the project's libcurl `HTTPClient` — the transport `bootstrap` uses.
public struct LambdaRuntimeHTTPTransport: LambdaRuntimeTransport {
    /// `next` waits for an event as long as the environment lives (it is frozen, not timed, between
    /// invocations), so the read timeout only guards against a Runtime API that has gone away for good.
    static let timeouts = HTTPTimeouts(connect: .seconds(5), read: .seconds(24 * 60 * 60))

    private let client: HTTPClient

    /// A transport on `client`; the loop makes one call at a time, so one connection is enough.
    public init(client: HTTPClient = HTTPClient(maxIdleConnections: 1)) {
        self.client = client
    }

    public func send(method: String, url: String, headers: [String: String], body: [UInt8]) async throws(LambdaRuntimeError)
        -> BackendResponse
    {
        let request = HTTPRequest(method: method, url: url, headers: HTTPHeaders(headers.map { (name: $0.key, value: $0.value) }), body: body)
        let response: HTTPResponse
        do {
            // The Runtime API is local to the environment: a failure is not transient, so no retries.
            response = try await client.send(request, timeouts: Self.timeouts, retry: .none)
        } catch {
            throw .transport(error.description)
        }
        var responseHeaders: [String: String] = [:]
        for field in response.headers {
            let name = field.name.lowercased()
            responseHeaders[name] = responseHeaders[name].map { "\($0),\(field.value)" } ?? field.value
        }
        return BackendResponse(status: response.status, headers: responseHeaders, body: response.body)
    }
}
