import Foundation
import Testing
import DarkroomBackend
import DarkroomTestSupport

/// The Runtime API loop against an in-process Runtime API that serves the real API Gateway sample events.
@Suite struct RuntimeLoopTests {
    static let sampleEvents = [
        "apigw-request.json", "apigw-restapi-openapi-request.json", "apigw-v2-request-iam.json",
        "apigw-v2-request-jwt-authorizer.json", "apigw-v2-request-no-authorizer.json", "lambda-urls-request.json",
    ]

    @Test func answersEveryEventAndReportsAHandlerErrorWithoutStopping() async throws {
        var queued = try Self.sampleEvents.enumerated().map { index, name in
            RecordingRuntimeAPI.Event(requestID: "req-\(index)", body: try TestData.bytes("apigw-events/\(name)"), traceID: "Root=1-\(index)")
        }
        queued.insert(.init(requestID: "req-bad", body: Array("{not json".utf8), traceID: nil), at: 2)
        let api = RecordingRuntimeAPI(events: queued)
        let runtime = LambdaRuntime(runtimeAPI: "127.0.0.1:9001", transport: api, handler: EventEchoHandler())

        await #expect(throws: LambdaRuntimeError.unexpectedStatus(call: "next", status: 410)) {
            try await runtime.run()
        }

        let calls = await api.calls
        let responses = calls.filter { $0.url.hasSuffix("/response") }
        #expect(responses.count == Self.sampleEvents.count)
        for (index, response) in responses.enumerated() {
            #expect(response.url == "http://127.0.0.1:9001/2018-06-01/runtime/invocation/req-\(index)/response")
            let echoed = try JSONDecoder().decode(EventEchoHandler.Echo.self, from: Data(response.body))
            #expect(echoed.requestID == "req-\(index)")
            #expect(echoed.traceEnvironment == "Root=1-\(index)")
            #expect(echoed.eventKeys.contains("requestContext"))
        }

        let errors = calls.filter { $0.url.hasSuffix("/error") }
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.url == "http://127.0.0.1:9001/2018-06-01/runtime/invocation/req-bad/error")
        #expect(error.headers["Lambda-Runtime-Function-Error-Type"] == "EventNotJSON")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(error.body)) as? [String: Any])
        #expect(report["errorType"] as? String == "EventNotJSON")
        #expect(report["errorMessage"] as? String == "The event is not a JSON object.")
        // The event after the failed one was still served, in order.
        let order = calls.map(\.url).filter { !$0.hasSuffix("/next") }.map { $0.split(separator: "/").dropLast().last.map(String.init) ?? "" }
        #expect(order == ["req-0", "req-1", "req-bad", "req-2", "req-3", "req-4", "req-5"])
    }

    @Test func initializationErrorIsPostedToTheInitEndpoint() async throws {
        let api = RecordingRuntimeAPI(events: [])
        let runtime = LambdaRuntime(runtimeAPI: "localhost:8080", transport: api, handler: EventEchoHandler())
        let problem = LambdaRuntimeError.missingEnvironment("BUCKET_NAME")

        try await runtime.reportInitializationError(problem)

        let call = try #require(await api.calls.first)
        #expect(call.method == "POST")
        #expect(call.url == "http://localhost:8080/2018-06-01/runtime/init/error")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(call.body)) as? [String: Any])
        #expect(report["errorType"] as? String == "LambdaRuntimeError")
        #expect((report["errorMessage"] as? String)?.contains("BUCKET_NAME") == true)
    }

    @Test func eventWithoutRequestIDStopsTheLoop() async throws {
        let api = RecordingRuntimeAPI(events: [.init(requestID: "", body: Array("{}".utf8), traceID: nil)])
        let runtime = LambdaRuntime(runtimeAPI: "127.0.0.1:1", transport: api, handler: EventEchoHandler())
        await #expect(throws: LambdaRuntimeError.missingRequestID) { try await runtime.serveNextInvocation() }
    }

    @Test func configurationComesFromTheEnvironment() throws {
        let configuration = try LambdaConfiguration(environment: [
            "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001", "BUCKET_NAME": "images", "MODEL_ID": "amazon.nova-canvas-v1:0",
            "DEFAULT_CFG_SCALE": "6.5", "DEFAULT_STEPS": "40", "DEFAULT_SIZE": "768x1344", "AWS_LAMBDA_FUNCTION_NAME": "gen",
        ])
        #expect(configuration.bucketName == "images")
        #expect(configuration.modelID == "amazon.nova-canvas-v1:0")
        #expect(configuration.defaultCfgScale == 6.5)
        #expect(configuration.defaultSteps == 40)
        #expect(configuration.defaultSize == .init(width: 768, height: 1344))
        #expect(configuration.functionName == "gen")

        let minimal = try LambdaConfiguration(environment: ["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "b", "DEFAULT_STEPS": ""])
        #expect(minimal.modelID == nil && minimal.defaultSteps == nil && minimal.defaultSize == nil)
    }

    @Test(arguments: [
        (["AWS_LAMBDA_RUNTIME_API": "h:1"], LambdaRuntimeError.missingEnvironment("BUCKET_NAME")),
        (["BUCKET_NAME": "b"], .missingEnvironment("AWS_LAMBDA_RUNTIME_API")),
        (["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "b", "DEFAULT_SIZE": "1024"],
         .invalidEnvironment(name: "DEFAULT_SIZE", value: "1024", expected: "WIDTHxHEIGHT such as 1024x1024")),
        (["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "b", "DEFAULT_STEPS": "-3"],
         .invalidEnvironment(name: "DEFAULT_STEPS", value: "-3", expected: "a positive whole number such as 30")),
        (["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "b", "DEFAULT_CFG_SCALE": "lots"],
         .invalidEnvironment(name: "DEFAULT_CFG_SCALE", value: "lots", expected: "a non-negative number such as 7")),
    ])
    func badConfigurationIsRefusedByName(environment: [String: String], expected: LambdaRuntimeError) {
        #expect(throws: expected) { try LambdaConfiguration(environment: environment) }
    }
}

/// A Runtime API in memory: hands out queued events, records every call, answers 410 once the queue is empty.
actor RecordingRuntimeAPI: LambdaRuntimeTransport {
    struct Event: Sendable {
        var requestID: String
        var body: [UInt8]
        var traceID: String?
    }

    struct Call: Sendable {
        var method: String
        var url: String
        var headers: [String: String]
        var body: [UInt8]
    }

    private var events: [Event]
    private(set) var calls: [Call] = []

    init(events: [Event]) {
        self.events = events
    }

    func send(method: String, url: String, headers: [String: String], body: [UInt8]) throws(LambdaRuntimeError) -> BackendResponse {
        calls.append(Call(method: method, url: url, headers: headers, body: body))
        guard url.hasSuffix("/invocation/next") else { return BackendResponse(status: 202) }
        guard !events.isEmpty else { return BackendResponse(status: 410) }
        let event = events.removeFirst()
        var headers = ["lambda-runtime-aws-request-id": event.requestID, "lambda-runtime-deadline-ms": "1700000000000"]
        headers["lambda-runtime-trace-id"] = event.traceID
        return BackendResponse(status: 200, headers: headers, body: event.body)
    }
}

/// Answers with the request id, the trace id the runtime exported, and the event's top-level keys.
struct EventEchoHandler: LambdaEventHandling {
    struct Echo: Codable {
        var requestID: String
        var traceEnvironment: String?
        var eventKeys: [String]
    }

    struct EventNotJSON: Error, CustomStringConvertible {
        var description: String { "The event is not a JSON object." }
    }

    func handle(event: [UInt8], context: LambdaInvocationContext) async throws -> [UInt8] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(event)) as? [String: Any] else { throw EventNotJSON() }
        let trace = ProcessInfo.processInfo.environment["_X_AMZN_TRACE_ID"]
        return Array(try JSONEncoder().encode(Echo(requestID: context.requestID, traceEnvironment: trace, eventKeys: object.keys.sorted())))
    }
}
