import DarkroomAWS
import DarkroomBackend
import DarkroomServer
import DarkroomTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The local stack's routes, driven through HummingbirdTesting with a handler that records what it was given;
/// binding and stopping over real loopback HTTP.
@Suite struct LocalStackTests {
    /// Runs `body` against the routes over `handler`, without a socket.
    static func routes(
        _ handler: some RequestHandling, model: some ModelInvoking = LocalPreviewEngine(),
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await Application(router: LocalStack.router(handler: handler, model: model)).test(.router) { client in try await body(client) }
    }

    @Test func healthAnswersOnAnEphemeralLoopbackPort() async throws {
        let stack = try await LocalStack.start(handler: RecordingHandler(), model: LocalPreviewEngine())
        defer { Task { await stack.stop() } }
        #expect(stack.host == "127.0.0.1")
        #expect(stack.port > 0)

        let reply = try await HTTPClient.shared.send(DarkroomAWS.HTTPRequest(method: "GET", url: stack.baseURL + "/health"), retry: .none)
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"] == "application/json")
        #expect(reply.bodyText == #"{"status":"ok"}"#)
    }

    @Test func imageGenerationPassesTheRequestThroughAndTheResponseBack() async throws {
        let handler = RecordingHandler()
        let body = Array(#"{"message": "A cat running a marathon"}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[try #require(HeaderName("X-Trace"))] = "one"
        headers[try #require(HeaderName(LambdaEvent.directInvocationHeader))] = "1"
        let sent = headers
        let handledBy = try #require(HeaderName("x-handled-by"))

        try await Self.routes(handler) { client in
            try await client.execute(uri: "/image-generation", method: .post, headers: sent, body: ByteBuffer(bytes: body)) { reply in
                #expect(reply.status.code == 202)
                #expect(reply.headers[handledBy] == "recording-handler")
                #expect(String(buffer: reply.body) == #"{"accepted":true}"#)
            }
        }
        let seen = try #require(await handler.requests.first)
        #expect(seen.method == "POST")
        #expect(seen.path == "/image-generation")
        #expect(seen.body == body)
        #expect(seen.headers["content-type"] == "application/json")
        #expect(seen.headers["x-trace"] == "one")
        // The asynchronous-job marker is Lambda's alone; the network cannot set it.
        #expect(seen.headers[LambdaEvent.directInvocationHeader] == nil)
    }

    @Test func unknownRoutesAndMethodsAreNotHandled() async throws {
        let handler = RecordingHandler()
        try await Self.routes(handler) { client in
            let get = try await client.execute(uri: "/image-generation", method: .get)
            #expect(get.status.code == 404)
            let elsewhere = try await client.execute(uri: "/elsewhere", method: .post, body: ByteBuffer(bytes: [1]))
            #expect(elsewhere.status.code == 404)
        }
        #expect(await handler.requests.isEmpty)
    }

    @Test func aTakenPortIsReportedAndAStoppedStackRefusesConnections() async throws {
        let first = try await LocalStack.start(handler: RecordingHandler(), model: LocalPreviewEngine())
        await #expect(throws: LocalStackError.self) {
            try await LocalStack.start(port: first.port, handler: RecordingHandler(), model: LocalPreviewEngine())
        }
        await first.stop()
        await #expect(throws: HTTPClientError.self) {
            try await HTTPClient.shared.send(DarkroomAWS.HTTPRequest(method: "GET", url: first.baseURL + "/health"), retry: .none)
        }
    }
}

/// A header name for HummingbirdTesting's requests and responses (HTTPTypes' `HTTPField.Name`).
typealias HeaderName = HTTPFields.Element.Name

/// Remembers every request and answers 202 with a marker header.
actor RecordingHandler: RequestHandling {
    private(set) var requests: [BackendRequest] = []

    func handle(_ request: BackendRequest) async -> BackendResponse {
        requests.append(request)
        return BackendResponse(
            status: 202,
            headers: ["content-type": "application/json", "x-handled-by": "recording-handler"],
            body: Array(#"{"accepted":true}"#.utf8)
        )
    }
}
