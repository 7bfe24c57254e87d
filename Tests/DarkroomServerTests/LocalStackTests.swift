import Foundation
import Testing
import DarkroomBackend
import DarkroomServer
import DarkroomTestSupport

/// The local stack over real HTTP on loopback, with a handler that records what it was given.
@Suite struct LocalStackTests {
    @Test func healthAnswersOnAnEphemeralLoopbackPort() async throws {
        let stack = try await LocalStack.start(handler: RecordingHandler(), model: LocalPreviewEngine())
        defer { Task { await stack.stop() } }
        #expect(stack.host == "127.0.0.1")
        #expect(stack.port > 0)

        let reply = try await LoopbackCurl.send("GET", stack.baseURL + "/health")
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"] == "application/json")
        #expect(reply.text == #"{"status":"ok"}"#)
    }

    @Test func imageGenerationPassesTheRequestThroughAndTheResponseBack() async throws {
        let handler = RecordingHandler()
        let stack = try await LocalStack.start(handler: handler, model: LocalPreviewEngine())
        defer { Task { await stack.stop() } }
        let body = Array(#"{"message": "A cat running a marathon"}"#.utf8)

        let reply = try await LoopbackCurl.send(
            "POST", stack.baseURL + "/image-generation", body: body,
            headers: ["Content-Type": "application/json", "X-Trace": "one", LambdaEvent.directInvocationHeader: "1"]
        )

        #expect(reply.status == 202)
        #expect(reply.headers["x-handled-by"] == "recording-handler")
        #expect(reply.text == #"{"accepted":true}"#)
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
        let stack = try await LocalStack.start(handler: handler, model: LocalPreviewEngine())
        defer { Task { await stack.stop() } }

        #expect(try await LoopbackCurl.send("GET", stack.baseURL + "/image-generation").status == 404)
        #expect(try await LoopbackCurl.send("POST", stack.baseURL + "/elsewhere", body: [1]).status == 404)
        #expect(await handler.requests.isEmpty)
    }

    @Test func aTakenPortIsReportedAndAStoppedStackRefusesConnections() async throws {
        let first = try await LocalStack.start(handler: RecordingHandler(), model: LocalPreviewEngine())
        await #expect(throws: LocalStackError.self) {
            try await LocalStack.start(port: first.port, handler: RecordingHandler(), model: LocalPreviewEngine())
        }
        await first.stop()
        await #expect(throws: LoopbackCurlError.self) { try await LoopbackCurl.send("GET", first.baseURL + "/health") }
    }
}

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
