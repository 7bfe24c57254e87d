import Testing
import Foundation
import DarkroomCore
import DarkroomTestSupport

@Suite struct ModelPayloadTests {
    let png: [UInt8]

    init() throws {
        png = try TestData.bytes("pngsuite/png/basn2c08.png")
    }

    private func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func sdxlRequestMatchesTheReferenceShape() throws {
        let parameters = GenerationParameters(
            prompt: "A cat running a marathon", negativePrompt: "blurry", cfgScale: 10, steps: 100, seed: 42,
            stylePreset: "photographic", sampler: "K_EULER"
        )
        let body = try object(try ModelCatalog.requestBody(for: parameters))
        let prompts = try #require(body["text_prompts"] as? [[String: Any]])
        #expect(prompts.count == 2)
        #expect(prompts[0]["text"] as? String == "A cat running a marathon")
        #expect(prompts[0]["weight"] as? Double == 1)
        #expect(prompts[1]["weight"] as? Double == -1)
        #expect(body["cfg_scale"] as? Double == 10)
        #expect(body["steps"] as? Int == 100)
        #expect(body["seed"] as? Int == 42)
        #expect(body["width"] as? Int == 1024)
        #expect(body["style_preset"] as? String == "photographic")
        #expect(body["sampler"] as? String == "K_EULER")
    }

    @Test func amazonRequestIsATextImageTask() throws {
        let parameters = GenerationParameters(prompt: "a fox", model: "amazon.nova-canvas-v1:0", seed: 12)
        let body = try object(try ModelCatalog.requestBody(for: parameters))
        #expect(body["taskType"] as? String == "TEXT_IMAGE")
        let text = try #require(body["textToImageParams"] as? [String: Any])
        #expect(text["text"] as? String == "a fox")
        #expect(text["negativeText"] == nil)
        let config = try #require(body["imageGenerationConfig"] as? [String: Any])
        #expect(config["cfgScale"] as? Double == 6.5)
        #expect(config["seed"] as? Int == 12)
        #expect(config["numberOfImages"] as? Int == 1)
        #expect(config["height"] as? Int == 1024)
    }

    @Test func stableImageRequestUsesAspectRatio() throws {
        let parameters = GenerationParameters(
            prompt: "a fox", negativePrompt: "rain", model: "stability.sd3-5-large-v1:0", seed: 9,
            size: ImageSize(width: 1344, height: 768)
        )
        let body = try object(try ModelCatalog.requestBody(for: parameters))
        #expect(body["prompt"] as? String == "a fox")
        #expect(body["negative_prompt"] as? String == "rain")
        #expect(body["aspect_ratio"] as? String == "16:9")
        #expect(body["output_format"] as? String == "png")
        #expect(body["seed"] as? Int == 9)
        #expect(body["cfg_scale"] == nil)
    }

    @Test(arguments: ModelCatalog.all.map(\.id))
    func requestParsesBackToTheSameParameters(id: ModelID) throws {
        let descriptor = try #require(ModelCatalog.descriptor(for: id))
        let size = descriptor.sizes.last ?? descriptor.defaultSize
        let parameters = try GenerationParameters(
            prompt: "a lighthouse at dusk", negativePrompt: "fog", model: id, seed: 77, size: size,
            stylePreset: descriptor.stylePresets.first
        ).validated(using: descriptor)
        let payload = descriptor.family.payload
        let parsed = try payload.parseRequest(payload.requestBody(for: parameters, descriptor: descriptor), descriptor: descriptor)
        #expect(parsed == parameters)
    }

    @Test(arguments: ModelFamily.allCases)
    func responseCarriesThePNG(family: ModelFamily) throws {
        let image = try ModelCatalog.parseResponse(family.payload.responseBody(png: png, seed: 1234), family: family)
        #expect(image.png == png)
        if family != .amazonImage { #expect(image.seed == 1234) }
    }

    @Test(arguments: ModelFamily.allCases)
    func filteredResponseIsContentFiltered(family: ModelFamily) throws {
        let error = try #require(throws: ModelResponseError.self) {
            try ModelCatalog.parseResponse(family.payload.filteredResponseBody(reason: "prompt"), family: family)
        }
        guard case .contentFiltered = error else {
            Issue.record("expected contentFiltered, got \(error)")
            return
        }
    }

    @Test func bedrockStyleResponsesParse() throws {
        let base64 = Data(png).base64EncodedString()
        let sdxl = #"{"result":"success","artifacts":[{"seed":2130420379,"base64":"\#(base64)","finishReason":"SUCCESS"}]}"#
        #expect(try ModelCatalog.parseResponse(Array(sdxl.utf8), family: .stabilitySDXL).seed == 2_130_420_379)
        let ultra = #"{"seeds":[2130420379],"finish_reasons":[null],"images":["\#(base64)"]}"#
        #expect(try ModelCatalog.parseResponse(Array(ultra.utf8), family: .stabilityStableImage).png == png)
        let nova = #"{"images":["\#(base64)"],"error":null}"#
        #expect(try ModelCatalog.parseResponse(Array(nova.utf8), family: .amazonImage).png == png)
    }

    @Test func brokenResponsesAreRefused() {
        #expect(throws: ModelResponseError.self) {
            try ModelCatalog.parseResponse(Array("not json".utf8), family: .stabilitySDXL)
        }
        #expect(throws: ModelResponseError.noImage) {
            try ModelCatalog.parseResponse(Array(#"{"images":[]}"#.utf8), family: .amazonImage)
        }
        #expect(throws: ModelResponseError.notPNG) {
            try ModelCatalog.parseResponse(Array(#"{"images":["aGVsbG8="]}"#.utf8), family: .amazonImage)
        }
        #expect(throws: ModelResponseError.modelFailed("Inference error")) {
            try ModelCatalog.parseResponse(Array(#"{"finish_reasons":["Inference error"]}"#.utf8), family: .stabilityStableImage)
        }
    }

    @Test func malformedRequestsAreRefused() {
        #expect(throws: ModelRequestError.self) {
            try StabilitySDXLPayload.parseRequest(Array(#"{"text_prompts":[{"text":"x","weight":-1}]}"#.utf8),
                                                  descriptor: .stableDiffusionXL)
        }
        #expect(throws: ModelRequestError.self) {
            try StableImagePayload.parseRequest(Array(#"{"prompt":"x","aspect_ratio":"7:3"}"#.utf8),
                                                descriptor: .stableImageCore)
        }
        #expect(throws: ModelRequestError.self) {
            try AmazonImagePayload.parseRequest(Array(#"{"taskType":"INPAINTING","textToImageParams":{"text":"x"}}"#.utf8),
                                                descriptor: .novaCanvas)
        }
    }
}
