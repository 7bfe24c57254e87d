import Foundation
import Testing
import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomServer
import DarkroomTestSupport

/// The `api` backend against the local stack, which serves the same handler the deployed API runs.
@Suite struct APIGatewayGenerationClientTests {
    @Test func generatesThroughTheAPIAndReportsTheSeed() async throws {
        let folder = try TemporaryDirectory("darkroom-api")
        defer { folder.remove() }
        let stack = try await LocalStack.start(bucket: folder.url)
        defer { Task { await stack.stop() } }
        let client = APIGatewayGenerationClient(gateway: APIGatewayClient(endpoint: stack.baseURL + "/"))

        let result = try await client.generate(GenerationParameters(prompt: "A cat running a marathon", seed: 77))

        #expect(result.message == GenerationResult.savedMessage)
        #expect(result.seed == 77)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(result.key).path))
    }

    @Test func handlerErrorsBecomeClientErrorsNamingTheField() async throws {
        let folder = try TemporaryDirectory("darkroom-api-errors")
        defer { folder.remove() }
        let stack = try await LocalStack.start(bucket: folder.url)
        defer { Task { await stack.stop() } }
        let client = APIGatewayGenerationClient(gateway: APIGatewayClient(endpoint: stack.baseURL))

        await #expect {
            _ = try await client.generate(GenerationParameters(prompt: "A cat", steps: 3))
        } throws: { error in
            guard case .invalidParameter(let field, _) = error as? GenerationClientError else { return false }
            return field == "steps"
        }
        await #expect {
            _ = try await client.generate(GenerationParameters(prompt: "nsfw cat"))
        } throws: { error in
            guard case .contentFiltered = error as? GenerationClientError else { return false }
            return true
        }
    }

    /// A generation is sent once unless it cannot have run: after API Gateway's 504 or a dropped connection the
    /// function may go on to store the image, and three attempts made three paid images. A refused connection and
    /// a 429 are still retried; the error says to look in the bucket before trying again.
    @Test func aGenerationIsNotSentAgainWhenItMayHaveRun() async throws {
        let gatewayTimeout = try LoopbackHTTPServer { _, _ in .text(504, #"{"message": "Endpoint request timed out"}"#) }
        defer { gatewayTimeout.stop() }
        let dropped = try LoopbackHTTPServer { _, _ in .drop }
        defer { dropped.stop() }
        let throttledOnce = try LoopbackHTTPServer { _, index in index == 0 ? .text(429, #"{"message": "Too Many Requests"}"#) : .text(500, "{}") }
        defer { throttledOnce.stop() }
        let retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), onlyUnprocessed: true)
        func generate(_ server: LoopbackHTTPServer) async -> GenerationClientError? {
            let client = APIGatewayGenerationClient(gateway: APIGatewayClient(endpoint: server.url, http: HTTPClient(environment: [:]), retry: retry))
            do { _ = try await client.generate(GenerationParameters(prompt: "a heron", seed: 5)); return nil } catch { return error }
        }

        let timedOut = await generate(gatewayTimeout)
        #expect(gatewayTimeout.requests.count == 1)
        #expect(timedOut?.description == "The generation timed out (Endpoint request timed out); the function may still store the image, "
            + "so check `darkroom ls` before trying again, or use asynchronous mode.")
        let lost = await generate(dropped)
        #expect(dropped.requests.count == 1)
        #expect(lost?.description.hasSuffix("was dropped before an answer; the function may still make and store the image, "
            + "so check `darkroom ls` before generating again.") == true, "\(String(describing: lost))")
        _ = await generate(throttledOnce)
        #expect(throttledOnce.requests.count == 2, "a 429 was not acted on, so it is sent again; the 500 after it may have been")
        #expect(APIGatewayClient(endpoint: "http://127.0.0.1:1").retry.onlyUnprocessed, "the default for the api backend")
    }

    @Test func signsWithSigV4ForExecuteAPIOrSendsTheAPIKey() async throws {
        let handler = RecordingHandler()
        let stack = try await LocalStack.start(handler: handler, model: LocalPreviewEngine())
        defer { Task { await stack.stop() } }
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        let iam = APIGatewayClient(endpoint: stack.baseURL, authorization: .iam(AWSConfiguration(region: "eu-west-1", credentials: credentials)))
        let keyed = APIGatewayClient(endpoint: stack.baseURL, authorization: .apiKey("k-123"))

        // The recording handler answers 202 without a generation result: the client says so instead of guessing.
        for gateway in [iam, keyed] {
            await #expect(throws: GenerationClientError.self) {
                _ = try await APIGatewayGenerationClient(gateway: gateway).generate(GenerationParameters(prompt: "A cat"))
            }
        }

        let requests = await handler.requests
        #expect(requests.count == 2)
        let authorization = try #require(requests.first?.headers["authorization"])
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"))
        #expect(authorization.contains("/eu-west-1/execute-api/aws4_request"))
        #expect(requests.last?.headers["x-api-key"] == "k-123")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(requests[0].body)) as? [String: Any])
        #expect(body["message"] as? String == "A cat")
    }
}
