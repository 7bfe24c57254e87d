import Foundation
import Hummingbird
import Testing
import DarkroomAWS
import DarkroomBackend
import DarkroomTestSupport

/// What `bootstrap` runs — the runtime loop, the gateway adapter and the image-generation handler — with a
/// folder bucket and the local engine standing in for S3 and Bedrock, against the loopback Runtime API.
@Suite struct RuntimeGenerationTests {
    @Test func sampleEventsWithTheReferenceBodyStoreImagesAndBadBodiesAre400() async throws {
        let folder = try TemporaryDirectory("darkroom-runtime")
        defer { folder.remove() }
        let handler = ImageGenerationHandler(store: try DirectoryStorage(root: folder.url), model: LocalPreviewEngine())
        var events: [FakeRuntimeAPI.Event] = []
        for name in ["apigw-request.json", "apigw-v2-request-iam.json", "lambda-urls-request.json"] {
            events.append(.init(requestID: "ok-\(name)", body: try Self.event(name, body: #"{"message": "A cat running a marathon"}"#), traceID: nil))
            events.append(.init(requestID: "bad-\(name)", body: try Self.event(name, body: #"{"message": ""}"#), traceID: nil))
        }
        let fake = FakeRuntimeAPI(events: events)
        let server = try await fake.start()
        defer { Task { await server.stop() } }
        let runtime = LambdaRuntime(api: RuntimeAPILoopbackTests.api(port: server.port), handler: GatewayEventHandler(handler))

        await #expect(throws: LambdaRuntimeError.unexpectedStatus(call: "next", status: 410)) { try await runtime.run() }

        let posted = await fake.posted
        #expect(posted.count == 6)
        for answer in posted {
            #expect(answer.path.hasSuffix("/response"))
            let proxy = try #require(try JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [String: Any])
            let body = try #require(try JSONSerialization.jsonObject(with: Data(((proxy["body"] as? String) ?? "").utf8)) as? [String: Any])
            if answer.path.contains("/ok-") {
                #expect(proxy["statusCode"] as? Int == 200)
                #expect(body["message"] as? String == "Image Saved to S3")
                let key = try #require(body["key"] as? String)
                #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(key).path))
            } else {
                #expect(proxy["statusCode"] as? Int == 400)
                #expect(body["field"] as? String == "message")
            }
        }
    }

    @Test func asyncJobsAreDispatchedAsAnEventInvocationOfTheFunctionItself() async throws {
        let lambda = FakeLambdaInvokeAPI()
        let server = try await lambda.start()
        defer { Task { await server.stop() } }
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        let configuration = AWSConfiguration(region: "us-east-1", credentials: credentials)
        let invoker = LambdaSelfInvoker(functionName: "darkroom-image-generation", configuration: configuration, endpoint: "http://127.0.0.1:\(server.port)")
        let job = GenerationJob(
            parameters: .init(prompt: "A cat running a marathon", seed: 1), key: "output-images/x.png", thumbnailKey: nil,
            requestedAt: Date(timeIntervalSince1970: 1_700_000_000)
        )

        try await invoker.dispatch(job)

        let call = try #require(await lambda.calls.first)
        #expect(call.path == "/2015-03-31/functions/darkroom-image-generation/invocations")
        #expect(call.invocationType == "Event")
        #expect(call.authorization?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") == true)
        #expect(call.authorization?.contains("/us-east-1/lambda/aws4_request") == true)
        #expect(GenerationJob.parse(eventPayload: call.body) == job)

        await lambda.refuseNext()
        await #expect(throws: JobDispatchError.self) { try await invoker.dispatch(job) }
    }

    /// A real sample event made a POST with `body` (plain text, not base64).
    static func event(_ name: String, body: String) throws -> [UInt8] {
        var event = try #require(try JSONSerialization.jsonObject(with: Data(TestData.bytes("apigw-events/\(name)"))) as? [String: Any])
        event["body"] = body
        event["isBase64Encoded"] = false
        if event["httpMethod"] != nil {
            event["httpMethod"] = "POST"
        } else {
            var context = try #require(event["requestContext"] as? [String: Any])
            var http = try #require(context["http"] as? [String: Any])
            http["method"] = "POST"
            context["http"] = http
            event["requestContext"] = context
        }
        return Array(try JSONSerialization.data(withJSONObject: event))
    }
}

/// Lambda's Invoke API on loopback: records each call and answers 202 (or 403 when told to refuse).
actor FakeLambdaInvokeAPI {
    struct Call: Sendable {
        var path: String
        var invocationType: String?
        var authorization: String?
        var body: [UInt8]
    }

    private(set) var calls: [Call] = []
    private var refusing = false

    func refuseNext() {
        refusing = true
    }

    func record(_ call: Call) -> Bool {
        calls.append(call)
        defer { refusing = false }
        return !refusing
    }

    nonisolated func start() async throws -> FakeRuntimeAPI.Running {
        let router = Router()
        router.post("2015-03-31/functions/:name/invocations") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let accepted = await self.record(Call(
                path: request.uri.path,
                invocationType: request.headers[try FakeRuntimeAPI.field("X-Amz-Invocation-Type")],
                authorization: request.headers[.authorization],
                body: Array(body.readableBytesView)
            ))
            return Response(status: accepted ? .accepted : .forbidden)
        }
        return try await FakeRuntimeAPI.serve(router)
    }
}
