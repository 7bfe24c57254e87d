import Foundation
import Testing
import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomServer
import DarkroomTestSupport

/// The built `bootstrap` executable as Lambda runs it: a Runtime API (the tests' own, on loopback), S3
/// (moto_server) and Bedrock Runtime (the local stack's invoke endpoint), all reached through the
/// environment variables Lambda and the AWS SDK conventions define.
@Suite(.serialized) struct RuntimeBootstrapTests {
    /// The debug build's bootstrap, or the packaged one (`DARKROOM_BOOTSTRAP=dist/lambda-x86_64/bootstrap`),
    /// which scripts/package-lambda.sh builds with older glibc symbol versions and bundled libraries.
    static let bootstrap = ProcessInfo.processInfo.environment["DARKROOM_BOOTSTRAP"].map { URL(fileURLWithPath: $0).path }
        ?? BuiltProducts.executable("bootstrap").path

    @Test func bootstrapAnswersAnHTTPAPIEventWithAStoredImage() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let bedrock = try await LocalStack.start(handler: RecordingHandler(), model: LocalPreviewEngine())
        defer { Task { await bedrock.stop() } }
        let credentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")
        let s3 = S3Client(configuration: AWSConfiguration(region: "us-east-1", credentials: credentials, endpointOverrides: [.s3: moto.endpoint]))
        try await s3.createBucket("lambda-images")
        let event = try RuntimeGenerationTests.event("apigw-v2-request-iam.json", body: #"{"message": "A cat running a marathon", "seed": 11}"#)
        let fake = FakeRuntimeAPI(events: [.init(requestID: "lambda-1", body: event, traceID: "Root=1-5e1b4151-5ac6c58f5b5dbd6a2b4e8d7c")])
        let runtimeAPI = try await fake.start()
        defer { Task { await runtimeAPI.stop() } }

        let run = try await Subprocess.run([Self.bootstrap], environment: [
            "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:\(runtimeAPI.port)", "BUCKET_NAME": "lambda-images",
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL_S3": moto.endpoint, "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": bedrock.baseURL,
            "AWS_LAMBDA_FUNCTION_NAME": "darkroom-image-generation", "HOME": "/nonexistent",
        ])

        // The fake ends the loop with 410 once its one event is served; bootstrap reports that and exits.
        #expect(run.status == 1)
        #expect(run.standardError.contains("HTTP 410"))
        let posted = await fake.posted
        let answer = try #require(posted.first)
        #expect(answer.path == "/2018-06-01/runtime/invocation/lambda-1/response")
        let proxy = try #require(try JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [String: Any])
        #expect(proxy["statusCode"] as? Int == 200, "\(answer.text)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(((proxy["body"] as? String) ?? "").utf8)) as? [String: Any])
        #expect(body["message"] as? String == "Image Saved to S3")
        #expect(body["bucket"] as? String == "lambda-images")
        #expect(body["seed"] as? Int == 11)
        let key = try #require(body["key"] as? String)
        let object = try await s3.getObject(bucket: "lambda-images", key: key)
        #expect(object.body.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func anAsyncRequestInvokesTheFunctionAtTheLambdaEndpointFromTheEnvironment() async throws {
        let lambda = FakeLambdaInvokeAPI()
        let invokeAPI = try await lambda.start()
        defer { Task { await invokeAPI.stop() } }
        let event = try RuntimeGenerationTests.event("apigw-v2-request-iam.json", body: #"{"message": "A cat running a marathon", "seed": 5, "async": true}"#)
        let fake = FakeRuntimeAPI(events: [.init(requestID: "async-1", body: event, traceID: nil)])
        let runtimeAPI = try await fake.start()
        defer { Task { await runtimeAPI.stop() } }

        let run = try await Subprocess.run([Self.bootstrap], environment: [
            "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:\(runtimeAPI.port)", "BUCKET_NAME": "lambda-images",
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL_LAMBDA": "http://127.0.0.1:\(invokeAPI.port)",
            "AWS_LAMBDA_FUNCTION_NAME": "darkroom-image-generation", "HOME": "/nonexistent",
        ])

        #expect(run.standardError.contains("HTTP 410"), "\(run.output)")
        let answer = try #require(await fake.posted.first)
        let proxy = try #require(try JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [String: Any])
        #expect(proxy["statusCode"] as? Int == 202, "\(answer.text)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(((proxy["body"] as? String) ?? "").utf8)) as? [String: Any])
        let call = try #require(await lambda.calls.first)
        #expect(call.path == "/2015-03-31/functions/darkroom-image-generation/invocations")
        #expect(call.invocationType == "Event")
        #expect(call.isSigned(secret: "testing"))
        #expect(GenerationJob.parse(eventPayload: call.body)?.key == body["key"] as? String)
    }

    /// A job the function sent itself that fails is an invocation error, so Lambda retries it and then dead-letters
    /// it; it used to be answered as a 502 response, which Lambda counts as done, and nothing was logged.
    @Test func aFailedAsyncJobIsAnInvocationErrorAndOneLineOnStandardError() async throws {
        let job = GenerationJob(parameters: GenerationParameters(prompt: "a heron", seed: 5), key: "output-images/20261201T000000Z-5-0000abcd.png",
                                thumbnailKey: nil, requestedAt: Date(timeIntervalSince1970: 1_795_000_000))
        let fake = FakeRuntimeAPI(events: [.init(requestID: "job-1", body: job.eventPayload(), traceID: nil)])
        let runtimeAPI = try await fake.start()
        defer { Task { await runtimeAPI.stop() } }
        try await LoopbackPort.withRefusingPort { port in
            let run = try await Subprocess.run([Self.bootstrap], environment: [
                "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:\(runtimeAPI.port)", "BUCKET_NAME": "lambda-images",
                "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
                "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:\(port)", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": "http://127.0.0.1:\(port)",
                "AWS_LAMBDA_FUNCTION_NAME": "darkroom-image-generation", "HOME": "/nonexistent",
            ])
            let answer = try #require(await fake.posted.first)
            #expect(answer.path == "/2018-06-01/runtime/invocation/job-1/error", "\(answer.text)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [String: Any])
            #expect(report["errorType"] as? String == "AsyncJobFailure")
            let message = try #require(report["errorMessage"] as? String)
            #expect(message.hasPrefix("The asynchronous job failed (HTTP 502): The model could not be reached"), "\(message)")
            #expect(run.standardError.contains("darkroom: invocation job-1 failed: The asynchronous job failed (HTTP 502)"), "\(run.output)")
        }
    }

    @Test func missingConfigurationIsReportedAsAnInitError() async throws {
        let fake = FakeRuntimeAPI(events: [])
        let runtimeAPI = try await fake.start()
        defer { Task { await runtimeAPI.stop() } }

        let run = try await Subprocess.run([Self.bootstrap], environment: ["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:\(runtimeAPI.port)"])

        #expect(run.status == 1)
        #expect(run.standardError.contains("BUCKET_NAME"))
        let posted = await fake.posted
        #expect(posted.map(\.path) == ["/2018-06-01/runtime/init/error"])
        #expect(posted.first?.text.contains("BUCKET_NAME") == true)
    }

    /// A configuration no request could use is one init error, not a failure of every invocation: `MODEL_ID=bogus.model`
    /// used to answer each event 400 blaming the caller, and `DEFAULT_STEPS=5000` was dropped without a word.
    @Test(arguments: [("MODEL_ID", "bogus.model"), ("DEFAULT_STEPS", "5000")])
    func aValueTheModelCannotUseIsOneInitErrorNamingIt(name: String, value: String) async throws {
        let event = try RuntimeGenerationTests.event("apigw-v2-request-iam.json", body: #"{"message": "A cat running a marathon"}"#)
        let fake = FakeRuntimeAPI(events: [.init(requestID: "never-fetched", body: event, traceID: nil)])
        let runtimeAPI = try await fake.start()
        defer { Task { await runtimeAPI.stop() } }

        let run = try await Subprocess.run([Self.bootstrap], environment: [
            "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:\(runtimeAPI.port)", "BUCKET_NAME": "lambda-images", name: value,
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1", "HOME": "/nonexistent",
        ])

        #expect(run.status == 1)
        let sentence = "The environment variable \(name) is \"\(value)\", but it must be "
        #expect(run.standardError.contains(sentence), "\(run.output)")
        let posted = await fake.posted
        #expect(posted.map(\.path) == ["/2018-06-01/runtime/init/error"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data((posted.first?.text ?? "").utf8)) as? [String: Any])
        #expect((report["errorMessage"] as? String)?.hasPrefix(sentence) == true, "\(report)")
        #expect(await fake.nextEvent() != nil, "the event is left for Lambda to fail, not fetched")
    }
}
