import Foundation
import Testing
import DarkroomBackend
import DarkroomCore
import DarkroomServer
import DarkroomTestSupport

/// The complete local stack (handler, folder bucket, local preview engine) over real HTTP.
@Suite struct LocalStackGenerationTests {
    @Test func referenceBodyStoresAnImageAndItsThumbnail() async throws {
        let folder = try TemporaryDirectory("darkroom-stack")
        defer { folder.remove() }
        let stack = try await LocalStack.start(bucket: folder.url)
        defer { Task { await stack.stop() } }

        let reply = try await LoopbackCurl.send(
            "POST", stack.baseURL + "/image-generation", body: Array(#"{"message": "A cat running a marathon"}"#.utf8)
        )

        #expect(reply.status == 200, "\(reply.text)")
        let result = try JSONDecoder().decode(GenerationResult.self, from: Data(reply.body))
        #expect(result.message == "Image Saved to S3")
        #expect(result.key.hasPrefix("output-images/"))
        let image = try Data(contentsOf: folder.url.appendingPathComponent(result.key))
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let thumbnailKey = try #require(result.thumbnailKey)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(thumbnailKey).path))
    }

    @Test func asyncRequestAnswers202AndTheImageAppearsUnderThePromisedKey() async throws {
        let folder = try TemporaryDirectory("darkroom-stack-async")
        defer { folder.remove() }
        let stack = try await LocalStack.start(bucket: folder.url)
        defer { Task { await stack.stop() } }

        let reply = try await LoopbackCurl.send(
            "POST", stack.baseURL + "/image-generation",
            body: Array(#"{"message": "A slow sunrise", "async": true}"#.utf8)
        )

        #expect(reply.status == 202, "\(reply.text)")
        let result = try JSONDecoder().decode(GenerationResult.self, from: Data(reply.body))
        let path = folder.url.appendingPathComponent(result.key).path
        var waited = 0
        while !FileManager.default.fileExists(atPath: path), waited < 300 {
            try await Task.sleep(for: .milliseconds(100))
            waited += 1
        }
        #expect(FileManager.default.fileExists(atPath: path), "no image at \(result.key) after 30 s")
    }

    @Test(arguments: ["stability.stable-diffusion-xl-v1", "amazon.nova-canvas-v1%3A0", "amazon.nova-canvas-v1:0"])
    func invokeAnswersInTheModelFamilysShape(modelPath: String) async throws {
        let stack = try await LocalStack.start(handler: RecordingHandler(), model: LocalPreviewEngine())
        defer { Task { await stack.stop() } }
        let id = ModelID(rawValue: modelPath.removingPercentEncoding ?? modelPath)
        let descriptor = try #require(ModelCatalog.descriptor(for: id))
        let parameters = GenerationParameters(prompt: "a red fox", model: id, seed: 9, size: descriptor.defaultSize)
        let body = try ModelCatalog.requestBody(for: parameters.validated(using: descriptor))

        let reply = try await LoopbackCurl.send("POST", stack.baseURL + "/model/\(modelPath)/invoke", body: body)

        #expect(reply.status == 200, "\(reply.text)")
        #expect(reply.headers["x-amzn-errortype"] == nil)
        let image = try ModelCatalog.parseResponse(reply.body, family: descriptor.family)
        #expect(image.png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func invokeErrorsLookLikeBedrockRuntimeErrors() async throws {
        let stack = try await LocalStack.start(handler: RecordingHandler(), model: LocalPreviewEngine())
        defer { Task { await stack.stop() } }

        let unknown = try await LoopbackCurl.send("POST", stack.baseURL + "/model/no.such-model/invoke", body: Array("{}".utf8))
        #expect(unknown.status == 404)
        #expect(unknown.headers["x-amzn-errortype"]?.hasPrefix("ResourceNotFoundException:") == true)
        let message = try JSONDecoder().decode([String: String].self, from: Data(unknown.body))["message"]
        #expect(message?.contains("no.such-model") == true)

        let invalid = try await LoopbackCurl.send(
            "POST", stack.baseURL + "/model/stability.stable-diffusion-xl-v1/invoke", body: Array(#"{"steps": 3}"#.utf8)
        )
        #expect(invalid.status == 400)
        #expect(invalid.headers["x-amzn-errortype"]?.hasPrefix("ValidationException:") == true)
    }
}
