import Testing
import Foundation
import DarkroomBackend
import DarkroomCore
import DarkroomTestSupport

@Suite struct LocalGenerationClientTests {
    @Test func generatesIntoTheFolderBucket() async throws {
        let folder = try TemporaryDirectory("darkroom-local-client")
        defer { folder.remove() }
        let client = try LocalGenerationClient(root: folder.url)
        let result = try await client.generate(GenerationParameters(
            prompt: "A cat running a marathon", model: "amazon.titan-image-generator-v2:0", seed: 11,
            size: ImageSize(width: 384, height: 576)
        ))
        #expect(result.message == "Image Saved to S3")
        #expect(result.seed == 11)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(result.key).path))
        #expect(try await client.store.listAll(prefix: ObjectNaming.thumbnailPrefix).count == 1)
    }

    @Test func refusedParametersComeBackNamingTheField() async throws {
        let folder = try TemporaryDirectory("darkroom-local-client")
        defer { folder.remove() }
        let client = try LocalGenerationClient(root: folder.url)
        await #expect(throws: GenerationClientError.invalidParameter(field: "steps", message: ParameterError.outOfRange(
            .steps, value: "500", allowed: "10 to 150").description)) {
            try await client.generate(GenerationParameters(prompt: "x", steps: 500))
        }
        let error = await #expect(throws: GenerationClientError.self) {
            try await client.generate(GenerationParameters(prompt: ""))
        }
        #expect(error == .invalidParameter(field: "message", message: ParameterError.missing(.prompt).description))
    }

    @Test func errorAnswersMapToClientErrors() {
        func error(_ status: Int, _ json: String) -> GenerationClientError {
            GenerationClientError(status: status, body: Array(json.utf8))
        }
        #expect(error(429, #"{"error": "slow down", "code": "throttled"}"#) == .throttled("slow down"))
        #expect(error(403, #"{"error": "denied", "code": "access_denied"}"#) == .accessDenied("denied"))
        #expect(error(504, #"{"message": "Endpoint request timed out"}"#) == .timeout("Endpoint request timed out"))
        #expect(error(422, #"{"error": "blocked", "code": "content_filtered", "reason": "Filter reason: prompt"}"#)
            == .contentFiltered(reason: "Filter reason: prompt"))
        #expect(error(502, #"{"error": "disk", "code": "storage_failed", "seed": 77}"#) == .storageFailed(seed: 77, message: "disk"))
        #expect(error(418, "teapot") == .unexpectedResponse(status: 418, message: "teapot"))
    }

    @Test func theRequestBodyCarriesEverySetParameter() throws {
        let body = try jsonObject(GenerationRequest.body(for: GenerationParameters(
            prompt: "p", negativePrompt: "n", cfgScale: 7.5, steps: 40, seed: 9, stylePreset: "anime", sampler: "K_EULER"
        ), isAsync: true))
        #expect(body["message"] as? String == "p")
        #expect(body["negative_prompt"] as? String == "n")
        #expect(body["cfg_scale"] as? Double == 7.5)
        #expect(body["steps"] as? Int == 40)
        #expect(body["seed"] as? Int == 9)
        #expect(body["style_preset"] as? String == "anime")
        #expect(body["sampler"] as? String == "K_EULER")
        #expect(body["async"] as? Bool == true)
        #expect(body["width"] as? Int == 1024)
    }
}
