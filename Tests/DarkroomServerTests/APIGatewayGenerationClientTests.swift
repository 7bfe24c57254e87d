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
