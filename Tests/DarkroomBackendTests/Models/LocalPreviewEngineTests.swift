import Testing
import Foundation
import DarkroomBackend
import DarkroomCore
import DarkroomImaging

/// The local preview engine: deterministic, and its inputs visibly steer the picture.
@Suite struct LocalPreviewEngineTests {
    let engine = LocalPreviewEngine()

    func parameters(_ prompt: String, seed: UInt32 = 1, steps: Int = 30, cfg: Double = 7, style: String? = nil) -> GenerationParameters {
        GenerationParameters(prompt: prompt, cfgScale: cfg, steps: steps, seed: seed, size: ImageSize(width: 256, height: 192),
                             stylePreset: style)
    }

    func image(_ parameters: GenerationParameters) throws -> RGBAImage {
        let decoded = try PNG.decode(try engine.render(parameters))
        #expect(decoded.width == parameters.size.width && decoded.height == parameters.size.height)
        return decoded
    }

    /// Mean red, green, blue over the image.
    func meanColor(_ image: RGBAImage) -> (r: Double, g: Double, b: Double) {
        var sums = (0.0, 0.0, 0.0)
        for index in stride(from: 0, to: image.pixels.count, by: 4) {
            sums.0 += Double(image.pixels[index]); sums.1 += Double(image.pixels[index + 1]); sums.2 += Double(image.pixels[index + 2])
        }
        let count = Double(image.width * image.height)
        return (sums.0 / count, sums.1 / count, sums.2 / count)
    }

    func luminance(_ image: RGBAImage) -> [Double] {
        stride(from: 0, to: image.pixels.count, by: 4).map { (index: Int) -> Double in
            let red: Double = 0.299 * Double(image.pixels[index])
            let green: Double = 0.587 * Double(image.pixels[index + 1])
            let blue: Double = 0.114 * Double(image.pixels[index + 2])
            return red + green + blue
        }
    }

    func standardDeviation(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
    }

    /// Mean absolute difference between horizontal neighbours: fine detail.
    func detail(_ image: RGBAImage) -> Double {
        let values = luminance(image)
        var total = 0.0
        for row in 0..<image.height {
            for column in 1..<image.width {
                total += abs(values[row * image.width + column] - values[row * image.width + column - 1])
            }
        }
        return total / Double(image.height * (image.width - 1))
    }

    @Test func theSameInputsGiveTheSameBytes() throws {
        let inputs = parameters("A cat running a marathon", seed: 42)
        #expect(try engine.render(inputs) == engine.render(inputs))
    }

    @Test func differentSeedsGiveVisiblyDifferentImages() throws {
        let first = try image(parameters("A cat running a marathon", seed: 1))
        let second = try image(parameters("A cat running a marathon", seed: 2))
        let difference = zip(first.pixels, second.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +)
        #expect(Double(difference) / Double(first.pixels.count) > 10)
    }

    @Test func promptWordsSteerThePalette() throws {
        let ocean = meanColor(try image(parameters("deep blue ocean water")))
        let fire = meanColor(try image(parameters("red fire and lava")))
        #expect(ocean.b > ocean.r + 30)
        #expect(fire.r > fire.b + 30)
    }

    @Test func moreStepsAddDetail() throws {
        let few = detail(try image(parameters("misty forest", steps: 10)))
        let many = detail(try image(parameters("misty forest", steps: 150)))
        #expect(many > few * 1.2)
    }

    @Test func higherCFGAddsContrast() throws {
        let low = standardDeviation(luminance(try image(parameters("a quiet lake at dawn", cfg: 1))))
        let high = standardDeviation(luminance(try image(parameters("a quiet lake at dawn", cfg: 20))))
        #expect(high > low * 1.5)
    }

    @Test func stylePresetsChangeThePicture() throws {
        let plain = try engine.render(parameters("a castle"))
        #expect(try engine.render(parameters("a castle", style: "pixel-art")) != plain)
        #expect(try engine.render(parameters("a castle", style: "comic-book")) != plain)
    }

    @Test(arguments: ModelCatalog.all.map(\.id))
    func answersInEachFamilysResponseShape(id: ModelID) async throws {
        let descriptor = try #require(ModelCatalog.descriptor(for: id))
        let smallest = try #require(descriptor.sizes.min { $0.pixelCount < $1.pixelCount })
        let parameters = try GenerationParameters(prompt: "a lighthouse", model: id, seed: 321, size: smallest)
            .validated(using: descriptor)
        let answer = try await engine.invokeModel(id: id, body: ModelCatalog.requestBody(for: parameters))
        #expect(answer.engine == ImageMetadata.localPreviewEngine)
        let generated = try ModelCatalog.parseResponse(answer.body, family: descriptor.family)
        #expect(generated.png == (try engine.render(parameters)))
        if descriptor.family != .amazonImage { #expect(generated.seed == 321) }
    }

    @Test func blockedWordsAnswerLikeAContentFilter() async throws {
        let parameters = try GenerationParameters(prompt: "an nsfw scene", seed: 1).validated(using: .stableDiffusionXL)
        let body = try await engine.invokeModel(id: parameters.model, body: ModelCatalog.requestBody(for: parameters)).body
        #expect(throws: ModelResponseError.self) { try ModelCatalog.parseResponse(body, family: .stabilitySDXL) }
    }

    @Test func unknownModelsAndInvalidBodiesAreRefused() async {
        await #expect(throws: ModelInvocationError.self) {
            try await engine.invokeModel(id: "openai.dall-e-3", body: Array(#"{"prompt": "x"}"#.utf8))
        }
        await #expect(throws: ModelInvocationError.self) {
            try await engine.invokeModel(id: ModelCatalog.defaultModel, body: Array("not json".utf8))
        }
        await #expect(throws: ModelInvocationError.self) {
            try await engine.invokeModel(id: ModelCatalog.defaultModel,
                                         body: Array(#"{"text_prompts": [{"text": "x"}], "steps": 500}"#.utf8))
        }
    }

    @Test func labelsItselfAsNotADiffusionModel() {
        #expect(LocalPreviewEngine.label.contains("not a diffusion model"))
        #expect(engine.metadataEngine == ImageMetadata.localPreviewEngine)
    }
}
