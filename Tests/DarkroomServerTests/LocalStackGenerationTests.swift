import DarkroomBackend
import DarkroomCore
import DarkroomServer
import DarkroomTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The complete local stack's routes (handler, folder bucket, local preview engine), driven through HummingbirdTesting.
@Suite struct LocalStackGenerationTests {
    /// Runs `body` against the complete stack's routes over the folder bucket at `bucket`, without a socket.
    static func stack(bucket: URL, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Application(router: LocalStack.router(bucket: bucket)).test(.router) { client in try await body(client) }
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, body: ByteBuffer(string: body))
    }

    @Test func referenceBodyStoresAnImageAndItsThumbnail() async throws {
        let folder = try TemporaryDirectory("darkroom-stack")
        defer { folder.remove() }
        try await Self.stack(bucket: folder.url) { client in
            let reply = try await Self.post(client, "/image-generation", #"{"message": "A cat running a marathon"}"#)

            #expect(reply.status.code == 200, "\(String(buffer: reply.body))")
            let result = try JSONDecoder().decode(GenerationResult.self, from: Data(buffer: reply.body))
            #expect(result.message == "Image Saved to S3")
            #expect(result.key.hasPrefix("output-images/"))
            let image = try Data(contentsOf: folder.url.appendingPathComponent(result.key))
            #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            let thumbnailKey = try #require(result.thumbnailKey)
            #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(thumbnailKey).path))
        }
    }

    @Test func asyncRequestAnswers202AndTheImageAppearsUnderThePromisedKey() async throws {
        let folder = try TemporaryDirectory("darkroom-stack-async")
        defer { folder.remove() }
        try await Self.stack(bucket: folder.url) { client in
            let reply = try await Self.post(client, "/image-generation", #"{"message": "A slow sunrise", "async": true}"#)

            #expect(reply.status.code == 202, "\(String(buffer: reply.body))")
            let result = try JSONDecoder().decode(GenerationResult.self, from: Data(buffer: reply.body))
            let path = folder.url.appendingPathComponent(result.key).path
            var waited = 0
            while !FileManager.default.fileExists(atPath: path), waited < 300 {
                try await Task.sleep(for: .milliseconds(100))
                waited += 1
            }
            #expect(FileManager.default.fileExists(atPath: path), "no image at \(result.key) after 30 s")
        }
    }

    @Test(arguments: ["stability.stable-diffusion-xl-v1", "amazon.nova-canvas-v1%3A0", "amazon.nova-canvas-v1:0"])
    func invokeAnswersInTheModelFamilysShape(modelPath: String) async throws {
        let id = ModelID(rawValue: modelPath.removingPercentEncoding ?? modelPath)
        let descriptor = try #require(ModelCatalog.descriptor(for: id))
        let parameters = GenerationParameters(prompt: "a red fox", model: id, seed: 9, size: descriptor.defaultSize)
        let body = try ModelCatalog.requestBody(for: parameters.validated(using: descriptor))

        let errorType = try #require(HeaderName("x-amzn-errortype"))
        try await LocalStackTests.routes(RecordingHandler()) { client in
            let reply = try await client.execute(uri: "/model/\(modelPath)/invoke", method: .post, body: ByteBuffer(bytes: body))

            #expect(reply.status.code == 200, "\(String(buffer: reply.body))")
            #expect(reply.headers[errorType] == nil)
            let image = try ModelCatalog.parseResponse(Array(buffer: reply.body), family: descriptor.family)
            #expect(image.png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
    }

    @Test func invokeErrorsLookLikeBedrockRuntimeErrors() async throws {
        let errorType = try #require(HeaderName("x-amzn-errortype"))
        try await LocalStackTests.routes(RecordingHandler()) { client in
            let unknown = try await Self.post(client, "/model/no.such-model/invoke", "{}")
            #expect(unknown.status.code == 404)
            #expect(unknown.headers[errorType]?.hasPrefix("ResourceNotFoundException:") == true)
            let message = try JSONDecoder().decode([String: String].self, from: Data(buffer: unknown.body))["message"]
            #expect(message?.contains("no.such-model") == true)

            let invalid = try await Self.post(client, "/model/stability.stable-diffusion-xl-v1/invoke", #"{"steps": 3}"#)
            #expect(invalid.status.code == 400)
            #expect(invalid.headers[errorType]?.hasPrefix("ValidationException:") == true)
        }
    }

    /// A key given twice is refused as `/image-generation` refuses it; InvokeModel used to take one of the two values.
    @Test func invokeRefusesAKeyGivenTwice() async throws {
        let errorType = try #require(HeaderName("x-amzn-errortype"))
        try await LocalStackTests.routes(RecordingHandler()) { client in
            let body = #"{"text_prompts": [{"text": "a red fox"}], "seed": 1, "seed": 2}"#
            let reply = try await Self.post(client, "/model/stability.stable-diffusion-xl-v1/invoke", body)
            #expect(reply.status.code == 400)
            #expect(reply.headers[errorType]?.hasPrefix("ValidationException:") == true)
            let message = try JSONDecoder().decode([String: String].self, from: Data(buffer: reply.body))["message"]
            #expect(message == "The field `seed` appears more than once; give each field once.")
        }
    }
}
