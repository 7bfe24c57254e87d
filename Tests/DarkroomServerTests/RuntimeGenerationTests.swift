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
        let runtime = RuntimeAPILoopbackTests.runtime(port: server.port, handler: GatewayEventHandler(handler))

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
        let configuration = AWSConfiguration(region: "us-east-1", credentials: credentials,
                                             endpointOverrides: [.lambda: "http://127.0.0.1:\(server.port)"])
        let invoker = LambdaSelfInvoker(functionName: "darkroom-image-generation", configuration: configuration)
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
        #expect(call.isSigned(secret: credentials.secretAccessKey))
        #expect(GenerationJob.parse(eventPayload: call.body) == job)

        await lambda.refuseNext()
        await #expect(throws: JobDispatchError.self) { try await invoker.dispatch(job) }
    }

    @Test func theInvokerTakesItsEndpointFromTheLambdaVariablesLikeTheOtherClients() async throws {
        let lambda = FakeLambdaInvokeAPI()
        let server = try await lambda.start()
        defer { Task { await server.stop() } }
        let local = "http://127.0.0.1:\(server.port)"
        let keys = ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "lambda-secret", "AWS_REGION": "eu-west-1", "HOME": "/nonexistent"]
        let job = GenerationJob(parameters: .init(prompt: "A lighthouse", seed: 7), key: "output-images/y.png", thumbnailKey: nil,
                                requestedAt: Date(timeIntervalSince1970: 1_700_000_000))

        // The service's own variable wins over the general one, which serves when it is the only one.
        try await LoopbackPort.withRefusingPort { refusing in
            let nothingListens = "http://127.0.0.1:\(refusing)"
            for endpoints in [["AWS_ENDPOINT_URL_LAMBDA": local, "AWS_ENDPOINT_URL": nothingListens], ["AWS_ENDPOINT_URL": local]] {
                let configuration = try AWSConfiguration.resolve(environment: keys.merging(endpoints) { _, endpoint in endpoint })
                try await LambdaSelfInvoker(functionName: "darkroom-image-generation", configuration: configuration).dispatch(job)
            }
        }

        let calls = await lambda.calls
        #expect(calls.count == 2)
        for call in calls {
            #expect(call.path == "/2015-03-31/functions/darkroom-image-generation/invocations")
            #expect(call.invocationType == "Event")
            #expect(call.authorization?.contains("/eu-west-1/lambda/aws4_request") == true)
            #expect(call.isSigned(secret: "lambda-secret"))
            #expect(!call.isSigned(secret: "another-secret"))
        }
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
