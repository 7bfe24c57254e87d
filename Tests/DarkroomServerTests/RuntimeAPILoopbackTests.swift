import Foundation
import Hummingbird
import Synchronization
import Testing
import DarkroomBackend
import DarkroomTestSupport

/// The Lambda runtime loop with its production transport (libcurl) against a fake Runtime API served
/// over loopback by Hummingbird, handing out the real API Gateway sample events.
@Suite struct RuntimeAPILoopbackTests {
    static let sampleEvents = [
        "apigw-request.json", "apigw-v2-request-iam.json", "lambda-urls-request.json", "apigw-restapi-openapi-request.json",
        "apigw-v2-request-jwt-authorizer.json", "apigw-v2-request-no-authorizer.json",
    ]

    static func api(port: Int) -> LambdaRuntimeAPI {
        LambdaRuntimeAPI(address: "127.0.0.1:\(port)", transport: LambdaRuntimeHTTPTransport())
    }

    /// The runtime as `bootstrap` builds it, but exporting each trace to `trace` instead of the environment: `setenv`
    /// may move this process's environment while the suites running beside it read it (`TraceExportTests` checks
    /// the environment export in a process of its own).
    static func runtime<Handler: LambdaEventHandling>(port: Int, handler: Handler, trace: ExportedTrace = ExportedTrace()) -> LambdaRuntime<Handler> {
        LambdaRuntime(api: api(port: port), handler: handler, exportTrace: trace.export)
    }

    @Test func loopServesRealEventsAndReportsErrorsOverHTTP() async throws {
        var events = try Self.sampleEvents.enumerated().map { index, name in
            FakeRuntimeAPI.Event(requestID: "id-\(index)", body: try TestData.bytes("apigw-events/\(name)"), traceID: "Root=1-abc-\(index)")
        }
        events.insert(.init(requestID: "id-broken", body: Array("[1, 2".utf8), traceID: nil), at: 1)
        let api = FakeRuntimeAPI(events: events)
        let server = try await api.start()
        defer { Task { await server.stop() } }

        let trace = ExportedTrace()
        let runtime = Self.runtime(port: server.port, handler: PathEchoHandler(trace: trace), trace: trace)
        await #expect(throws: LambdaRuntimeError.unexpectedStatus(call: "next", status: 410)) { try await runtime.run() }

        let posted = await api.posted
        // Every event is answered in order; the broken one is an invocation error and the loop goes on.
        let invocation = "/2018-06-01/runtime/invocation/"
        #expect(posted.map(\.path) == [invocation + "id-0/response", invocation + "id-broken/error"]
            + (1..<Self.sampleEvents.count).map { invocation + "id-\($0)/response" })
        let paths = ["/hello/world", "/my/path", "/my/path", "/hello/world", "/my/path", "/"]
        var expected = paths.enumerated().map { index, path in
            #"{"path":"\#(path.replacingOccurrences(of: "/", with: "\\/"))","trace":"Root=1-abc-\#(index)"}"#
        }
        expected.insert(#"{"errorMessage":"The event has no path.","errorType":"PathMissing","stackTrace":[]}"#, at: 1)
        #expect(posted.map(\.text) == expected)
        #expect(posted[1].errorTypeHeader == "PathMissing")
        #expect(posted.filter { $0.path.hasSuffix("/response") }.allSatisfy { $0.errorTypeHeader == nil })
    }

    @Test func eventWithoutARequestIDStopsTheLoop() async throws {
        let api = FakeRuntimeAPI(events: [.init(requestID: "", body: Array("{}".utf8), traceID: nil)])
        let server = try await api.start()
        defer { Task { await server.stop() } }
        let runtime = Self.runtime(port: server.port, handler: PathEchoHandler())

        await #expect(throws: LambdaRuntimeError.missingRequestID) { try await runtime.serveNextInvocation() }
        #expect(await api.posted.isEmpty)
    }

    @Test func initErrorReachesTheRuntimeAPIAndAnUnreachableAPIIsATransportError() async throws {
        let fake = FakeRuntimeAPI(events: [])
        let server = try await fake.start()
        let api = Self.api(port: server.port)

        try await api.reportInitializationError(LambdaRuntimeError.missingEnvironment("BUCKET_NAME"))
        await server.stop()
        let posted = await fake.posted
        #expect(posted.map(\.path) == ["/2018-06-01/runtime/init/error"])
        #expect(posted.first?.errorTypeHeader == "LambdaRuntimeError")

        // A port held refusing, not the stopped server's: a parallel test's server could take that one.
        try await LoopbackPort.withRefusingPort { port in
            let runtime = Self.runtime(port: port, handler: PathEchoHandler())
            await #expect {
                try await runtime.serveNextInvocation()
            } throws: { error in
                guard case .transport = error as? LambdaRuntimeError else { return false }
                return true
            }
        }
    }
}

/// The trace the runtime exported last, where a handler can read it.
final class ExportedTrace: Sendable {
    private let current = Mutex<String?>(nil)

    var value: String? { current.withLock { $0 } }

    @Sendable func export(_ traceID: String?) {
        current.withLock { $0 = traceID }
    }
}

/// Answers with the event's `rawPath` (v2, function URL) or `path` (v1) and the exported trace id.
struct PathEchoHandler: LambdaEventHandling {
    var trace = ExportedTrace()

    struct PathMissing: Error, CustomStringConvertible {
        var description: String { "The event has no path." }
    }

    func handle(event: [UInt8], context: LambdaInvocationContext) async throws -> [UInt8] {
        let object = try? JSONSerialization.jsonObject(with: Data(event)) as? [String: Any]
        guard let path = (object?["rawPath"] ?? object?["path"]) as? String else { throw PathMissing() }
        let trace = trace.value ?? ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array(try encoder.encode(["path": path, "trace": trace]))
    }
}

/// A Runtime API on loopback: `next` hands out the queued events (410 once they are gone); responses and
/// errors are recorded.
actor FakeRuntimeAPI {
    struct Event: Sendable {
        var requestID: String
        var body: [UInt8]
        var traceID: String?
    }

    struct Posted: Sendable {
        var path: String
        var errorTypeHeader: String?
        var text: String
    }

    /// The running server and how to stop it.
    struct Running: Sendable {
        var port: Int
        var stop: @Sendable () async -> Void
    }

    private var events: [Event]
    private(set) var posted: [Posted] = []

    init(events: [Event]) {
        self.events = events
    }

    func nextEvent() -> Event? {
        events.isEmpty ? nil : events.removeFirst()
    }

    func record(_ posted: Posted) {
        self.posted.append(posted)
    }

    struct BadFieldName: Error {}

    static func field(_ name: String) throws -> HTTPFields.Element.Name {
        guard let field = HTTPFields.Element.Name(name) else { throw BadFieldName() }
        return field
    }

    nonisolated func start() async throws -> Running {
        let router = Router()
        router.get("2018-06-01/runtime/invocation/next") { _, _ -> Response in
            guard let event = await self.nextEvent() else { return Response(status: .gone) }
            var headers: HTTPFields = [:]
            headers[try Self.field("Lambda-Runtime-Aws-Request-Id")] = event.requestID
            headers[try Self.field("Lambda-Runtime-Deadline-Ms")] = "1700000000000"
            if let trace = event.traceID { headers[try Self.field("Lambda-Runtime-Trace-Id")] = trace }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: event.body)))
        }
        let record: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            await self.record(Posted(
                path: request.uri.path,
                errorTypeHeader: request.headers[try Self.field("Lambda-Runtime-Function-Error-Type")],
                text: String(buffer: body)
            ))
            return Response(status: .accepted)
        }
        router.post("2018-06-01/runtime/invocation/:id/response", use: record)
        router.post("2018-06-01/runtime/invocation/:id/error", use: record)
        router.post("2018-06-01/runtime/init/error", use: record)

        return try await Self.serve(router)
    }

    /// Serves `router` on a free loopback port until `stop` is called.
    static func serve(_ router: Router<BasicRequestContext>) async throws -> Running {
        let (ports, announce) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { announce.yield($0.localAddress?.port ?? 0) }
        )
        let task = Task { try await application.run() }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        return Running(port: port, stop: { task.cancel(); _ = await task.result })
    }
}
