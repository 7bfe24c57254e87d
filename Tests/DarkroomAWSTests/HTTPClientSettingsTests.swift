import DarkroomTestSupport
import Foundation
import Testing
import DarkroomAWS

/// What the transport takes from the environment, and the pure parts of the retry policy.
struct HTTPClientSettingsTests {
    @Test func httpProxyFromTheEnvironmentCarriesTheRequest() async throws {
        let proxy = try LoopbackHTTPServer { request, _ in .text(200, "via proxy: \(request.target)") }
        defer { proxy.stop() }
        let client = HTTPClient(environment: ["HTTP_PROXY": proxy.url])
        let response = try await client.send(HTTPRequest(method: "GET", url: "http://bucket.example.invalid/key?x=1"), retry: .none)
        #expect(response.bodyText == "via proxy: http://bucket.example.invalid/key?x=1")
    }

    @Test func noProxyBypassesTheProxy() async throws {
        let proxy = try LoopbackHTTPServer { _, _ in .text(200, "proxy") }
        defer { proxy.stop() }
        let direct = try LoopbackHTTPServer { _, _ in .text(200, "direct") }
        defer { direct.stop() }
        let client = HTTPClient(environment: ["http_proxy": proxy.url, "no_proxy": "127.0.0.1"])
        #expect(try await client.send(HTTPRequest(method: "GET", url: direct.url + "/"), retry: .none).bodyText == "direct")
        #expect(proxy.requests.isEmpty)
    }

    @Test func unreadableCABundleIsATLSError() async throws {
        // libcurl loads the bundle when the TLS handshake starts, so something must accept the connection.
        let server = try LoopbackHTTPServer { _, _ in .drop }
        defer { server.stop() }
        let client = HTTPClient(environment: ["AWS_CA_BUNDLE": "/nonexistent/ca-bundle.pem"])
        await #expect {
            try await client.send(HTTPRequest(method: "GET", url: "https://127.0.0.1:\(server.port)/"), retry: .none)
        } throws: { error in
            guard case .tlsFailure(let host, let detail)? = error as? HTTPClientError else { return false }
            return host == "127.0.0.1:\(server.port)" && detail.contains("CA")
        }
    }

    @Test func backoffGrowsExponentiallyWithJitterAndACap() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: .seconds(1), maxDelay: .seconds(3))
        #expect(policy.delay(afterAttempt: 1, jitter: 1) == .seconds(1))
        #expect(policy.delay(afterAttempt: 2, jitter: 1) == .seconds(2))
        #expect(policy.delay(afterAttempt: 3, jitter: 1) == .seconds(3))
        #expect(policy.delay(afterAttempt: 2, jitter: 0.5) == .seconds(1))
        #expect(policy.delay(afterAttempt: 3, jitter: 0) == .zero)
        #expect(RetryPolicy.standard.maxAttempts == 3)
    }

    @Test func retryDecisionFollowsStatusAndErrorCode() {
        let policy = RetryPolicy.standard
        #expect(policy.retryReason(for: HTTPResponse(status: 200)) == nil)
        #expect(policy.retryReason(for: HTTPResponse(status: 404)) == nil)
        #expect(policy.retryReason(for: HTTPResponse(status: 502)) == "HTTP 502")
        #expect(policy.retryReason(for: HTTPResponse(status: 400, body: Array(#"{"__type":"com.amazon#ThrottlingException"}"#.utf8)))
            == "HTTP 400 ThrottlingException")
        #expect(policy.retryReason(for: HTTPResponse(status: 400, body: Array("<Error><Code>RequestTimeout</Code></Error>".utf8)))
            == "HTTP 400 RequestTimeout")
        #expect(policy.retryReason(for: HTTPResponse(status: 400, headers: ["x-amzn-errortype": "ValidationException"])) == nil)
    }
}

/// Signed requests printed or dumped never show the session token, API key or signature header.
@Test func printedHeadersRedactCredentials() throws {
    let signer = SigV4Signer(
        credentials: AWSCredentials(accessKeyID: "AKIDPRINT", secretAccessKey: "printsecret", sessionToken: "printtoken"),
        region: "us-east-1", service: "s3")
    var request = try HTTPRequest(method: "GET", url: "https://s3.us-east-1.amazonaws.com/bucket/key")
        .signed(with: signer, date: Date(timeIntervalSince1970: 0))
    request.headers["x-api-key"] = "printkey"
    var dumped = ""
    dump(request, to: &dumped)
    for text in [String(describing: request.headers), String(describing: request), dumped] {
        #expect(!text.contains("printtoken"))
        #expect(!text.contains("printkey"))
        #expect(!text.contains("printsecret"))
        #expect(!text.contains("Signature="))
        #expect(text.contains("<redacted>"))
    }
    #expect(request.headers["X-Amz-Security-Token"] == "printtoken")
}
