import DarkroomAWS
import DarkroomBackend
import DarkroomServer
import DarkroomTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
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

    /// What no route takes is answered with the handler's JSON error shape and a sentence naming what would be taken,
    /// and logged as one line; these were empty 404s (a wrong method too) and nothing was logged.
    @Test func unknownRoutesAndMethodsAreAnsweredWithJSONNamingWhatExistsAndLogged() async throws {
        let handler = RecordingHandler()
        let log = LogLines()
        let allow = try #require(HeaderName("allow"))
        let router = LocalStack.router(handler: handler, model: LocalPreviewEngine(), errorLog: { line in log.append(line) })
        try await Application(router: router).test(.router) { client in
            let get = try await client.execute(uri: "/image-generation", method: .get)
            #expect(get.status.code == 405)
            #expect(get.headers[allow] == "POST")
            #expect(try Self.errorBody(get) == ErrorBody(error: "The method GET is not allowed on /image-generation; send POST.",
                                                         code: "method_not_allowed"))

            let health = try await client.execute(uri: "/health", method: .delete)
            #expect(health.status.code == 405)
            #expect(health.headers[allow] == "GET")

            let elsewhere = try await client.execute(uri: "/elsewhere", method: .post, body: ByteBuffer(bytes: [1]))
            #expect(elsewhere.status.code == 404)
            #expect(elsewhere.headers[.contentType] == "application/json")
            #expect(try Self.errorBody(elsewhere) == ErrorBody(
                error: "There is no route POST /elsewhere; the local stack answers GET /health, POST /image-generation and "
                    + "POST /model/{modelId}/invoke.",
                code: "not_found"))
        }
        #expect(await handler.requests.isEmpty)
        #expect(log.lines == [
            "GET /image-generation 405: The method GET is not allowed on /image-generation; send POST.",
            "DELETE /health 405: The method DELETE is not allowed on /health; send GET.",
            "POST /elsewhere 404: There is no route POST /elsewhere; the local stack answers GET /health, POST /image-generation and "
                + "POST /model/{modelId}/invoke.",
        ])
    }

    /// A body over a route's limit is refused naming the limit: JSON on `/image-generation` (it was an empty 413), and
    /// on InvokeModel, which read up to 16 MB, Bedrock's own limit as Bedrock refuses it.
    @Test func bodiesOverARoutesLimitAreRefusedNamingTheLimit() async throws {
        let log = LogLines()
        let errorType = try #require(HeaderName("x-amzn-errortype"))
        let router = LocalStack.router(handler: RecordingHandler(), model: LocalPreviewEngine(), errorLog: { line in log.append(line) })
        try await Application(router: router).test(.router) { client in
            let generation = try await client.execute(uri: "/image-generation", method: .post,
                                                      body: ByteBuffer(repeating: 0x20, count: (16 << 20) + 1))
            #expect(generation.status.code == 413)
            #expect(try Self.errorBody(generation) == ErrorBody(
                error: "The request body is larger than 16777216 bytes, the most /image-generation reads; send a smaller one.",
                code: "body_too_large"))

            let invoke = try await client.execute(uri: "/model/stability.stable-diffusion-xl-v1/invoke", method: .post,
                                                  body: ByteBuffer(repeating: 0x20, count: 25_000_001))
            #expect(invoke.status.code == 400)
            #expect(invoke.headers[errorType]?.hasPrefix("ValidationException:") == true)
            let message = try JSONDecoder().decode([String: String].self, from: Data(buffer: invoke.body))["message"]
            #expect(message == "The request body is larger than 25000000 bytes, the most InvokeModel accepts.")
        }
        #expect(log.lines == [
            "POST /image-generation 413: The request body is larger than 16777216 bytes, the most /image-generation reads; send a smaller one.",
            "POST /model/stability.stable-diffusion-xl-v1/invoke 400: The request body is larger than 25000000 bytes, the most InvokeModel accepts.",
        ])
    }

    /// The error answers the routes already gave in JSON are logged the same way, with the answer's own sentence.
    @Test func handlerAndModelErrorAnswersAreLoggedWithTheirSentence() async throws {
        let log = LogLines()
        let folder = try TemporaryDirectory("darkroom-stack-log")
        defer { folder.remove() }
        let router = try LocalStack.router(bucket: folder.url, errorLog: { line in log.append(line) })
        try await Application(router: router).test(.router) { client in
            _ = try await client.execute(uri: "/image-generation", method: .post, body: ByteBuffer(string: #"{"message": ""}"#))
            _ = try await client.execute(uri: "/model/no.such-model/invoke", method: .post, body: ByteBuffer(string: "{}"))
            _ = try await client.execute(uri: "/health", method: .get)
        }
        #expect(log.lines == [
            "POST /image-generation 400: The prompt (`message`) is empty; give one.",
            "POST /model/no.such-model/invoke 404: the local preview engine has no model no.such-model",
        ])
    }

    static func errorBody(_ reply: TestResponse) throws -> ErrorBody {
        try JSONDecoder().decode(ErrorBody.self, from: Data(buffer: reply.body))
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

/// The lines an error log was given, in order.
final class LogLines: Sendable {
    private let stored = Mutex<[String]>([])

    var lines: [String] { stored.withLock { $0 } }

    func append(_ line: String) {
        stored.withLock { $0.append(line) }
    }
}
