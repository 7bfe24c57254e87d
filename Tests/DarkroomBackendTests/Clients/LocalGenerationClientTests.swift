import Testing
import Foundation
import DarkroomAWS
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
        #expect(error(418, "teapot").description == "The backend answered HTTP 418 (teapot).")
        // An empty 404 read "The backend answered HTTP 404 ()." with nothing to go on.
        #expect(error(404, "").description
            == "The backend answered HTTP 404; check the endpoint: it is the API's stage URL, to which darkroom adds /image-generation.")
    }

    /// A failure passed from the transport through the model and the handler to the client reads as one message,
    /// not three nested in parentheses each with advice of its own; a gateway's bare words are still framed.
    @Test func aFailureReadsOnceHoweverManyLayersItCrossed() {
        let transport = HTTPClientError.cannotConnect(host: "127.0.0.1:9", attempts: 3).description
        let unreachable = GenerationClientError(GenerationFailure.model(.transport(transport)))
        #expect(unreachable.description == "The model could not be reached: " + transport)
        #expect(unreachable.description.components(separatedBy: "; ").count == 2, "one piece of advice: \(unreachable)")

        let stored = GenerationClientError(GenerationFailure.storage(.unavailable("the disk is full"), seed: 7))
        #expect(stored.description == "The image was generated but not stored; seed 7 makes it again. The store failed: the disk is full.")

        let throttled = GenerationClientError(GenerationFailure.model(.throttled("Rate exceeded")))
        #expect(throttled.description == "The model is throttling requests (Rate exceeded); wait and try again.")
        // API Gateway's own answers are fragments: framed with what failed and what to do.
        #expect(GenerationClientError(status: 429, body: Array(#"{"message":"Too Many Requests"}"#.utf8)).description
            == "The backend is throttling requests (Too Many Requests); wait and try again.")
        #expect(GenerationClientError(status: 502, body: Array(#"{"message":"Internal server error"}"#.utf8)).description
            == "The generation failed (Internal server error); try again.")
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
