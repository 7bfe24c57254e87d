import Testing
import Foundation
import DarkroomCore

@Suite struct GenerationParametersTests {
    let sdxl = ModelDescriptor.stableDiffusionXL

    @Test func promptAloneTakesTheModelsDefaultsAndDrawsASeed() throws {
        var generator = SplitMix(state: 7)
        let validated = try GenerationParameters(prompt: "A cat running a marathon")
            .validated(using: sdxl, seedGenerator: &generator)
        #expect(validated.cfgScale == 7)
        #expect(validated.steps == 30)
        #expect(validated.size == ImageSize(width: 1024, height: 1024))
        let seed = try #require(validated.seed)
        #expect(seed != 0)
        #expect(validated.model == sdxl.id)
    }

    @Test func drawnSeedsDifferAndStayInTheModelsRange() throws {
        var generator = SplitMix(state: 1)
        var seeds = Set<UInt32>()
        for _ in 0..<200 {
            let seed = try #require(try GenerationParameters(prompt: "x", model: "amazon.nova-canvas-v1:0")
                .validated(using: .novaCanvas, seedGenerator: &generator).seed)
            #expect(ModelDescriptor.novaCanvas.seedRange.contains(seed))
            seeds.insert(seed)
        }
        #expect(seeds.count > 190)
    }

    /// An image answers a request when what the request names agrees: the backend fills in the rest (defaults, a
    /// drawn seed), so a request leaving those open matches any value, and one naming them matches only those.
    @Test func anImageMadeWithTheDefaultsFilledInAnswersTheRequestThatLeftThemOpen() throws {
        var generator = SplitMix(state: 3)
        let open = GenerationParameters(prompt: "a lighthouse", negativePrompt: "fog")
        let made = try open.validated(using: sdxl, seedGenerator: &generator)
        #expect(open.couldHaveMade(made))
        var drawZero = open
        drawZero.seed = 0
        #expect(drawZero.couldHaveMade(made), "seed 0 asks for one to be drawn")

        var exact = made
        #expect(exact.couldHaveMade(made))
        exact.seed = (made.seed ?? 0) &+ 1
        #expect(!exact.couldHaveMade(made), "another seed")
        var steps = open
        steps.steps = (made.steps ?? 0) + 10
        #expect(!steps.couldHaveMade(made), "other steps")
        var prompt = open
        prompt.prompt = "a windmill"
        #expect(!prompt.couldHaveMade(made))
        var negative = open
        negative.negativePrompt = ""
        #expect(!negative.couldHaveMade(made))
        var size = open
        size.size = ImageSize(width: 1152, height: 896)
        #expect(!size.couldHaveMade(made))
        var style = open
        style.stylePreset = "photographic"
        #expect(!style.couldHaveMade(made))
    }

    @Test func givenSeedIsKept() throws {
        #expect(try GenerationParameters(prompt: "x", seed: 1).validated(using: sdxl).seed == 1)
        // Amazon models take 0 as an ordinary seed.
        let nova = GenerationParameters(prompt: "x", model: ModelDescriptor.novaCanvas.id, seed: 0)
        #expect(try nova.validated(using: .novaCanvas).seed == 0)
    }

    @Test(arguments: [ModelDescriptor.stableDiffusionXL, .stableDiffusion35Large, .stableImageCore])
    func seedZeroForAModelThatReadsItAsRandomIsDrawnHere(descriptor: ModelDescriptor) throws {
        var generator = SplitMix(state: 3)
        let validated = try GenerationParameters(prompt: "x", model: descriptor.id, seed: 0)
            .validated(using: descriptor, seedGenerator: &generator)
        let seed = try #require(validated.seed)
        #expect(seed != 0)
        #expect(descriptor.seedRange.contains(seed))
    }

    @Test(arguments: ["", "   ", "\n\t"])
    func blankPromptIsMissingMessage(prompt: String) {
        #expect(throws: ParameterError.missing(.prompt)) {
            try GenerationParameters(prompt: prompt).validated(using: sdxl)
        }
        #expect(ParameterError.missing(.prompt).field == "message")
    }

    @Test func promptOverTheLimitNamesTheLimit() {
        let long = String(repeating: "a", count: 2001)
        #expect(throws: ParameterError.promptTooLong(.prompt, limit: 2000, actual: 2001)) {
            try GenerationParameters(prompt: long).validated(using: sdxl)
        }
        #expect(throws: ParameterError.promptTooLong(.negativePrompt, limit: 512, actual: 513)) {
            try GenerationParameters(prompt: "x", negativePrompt: String(repeating: "b", count: 513))
                .validated(using: .titanImageV2)
        }
    }

    /// Each reader gets the field in the words it uses: the API's clients the request body's field, the command line
    /// its option, the app the panel's name; numbers are written as everywhere else (`35`, not `35.0`).
    @Test func messagesNameTheFieldAsTheirReaderSpellsIt() throws {
        let cfg = try #require(throws: ParameterError.self) { try GenerationParameters(prompt: "x", cfgScale: 35.5).validated(using: sdxl) }
        #expect(cfg.description == "The CFG scale (`cfg_scale`) 35.5 is out of range; the model accepts 0 to 35.")
        #expect(cfg.description(naming: .commandLine) == "--cfg-scale 35.5 is out of range; the model accepts 0 to 35.")
        #expect(cfg.description(naming: .plain) == "The CFG scale 35.5 is out of range; the model accepts 0 to 35.")
        let nova = try #require(throws: ParameterError.self) { try GenerationParameters(prompt: "x", cfgScale: 1).validated(using: .novaCanvas) }
        #expect(nova.description(naming: .commandLine) == "--cfg-scale 1 is out of range; the model accepts 1.1 to 10.")
        let prompt = ParameterError.missing(.prompt)
        #expect(prompt.description == "The prompt (`message`) is empty; give one.")
        #expect(prompt.description(naming: .commandLine) == "The prompt is empty; give one.")
        let size = try #require(throws: ParameterError.self) {
            try GenerationParameters(prompt: "x", size: ImageSize(width: 5, height: 5)).validated(using: sdxl)
        }
        #expect(size.description.hasPrefix("The size 5x5 (`width`, `height`) is not one"))
        #expect(size.description(naming: .commandLine).hasPrefix("--size 5x5 is not one"))
        #expect(size.description(naming: .plain).hasPrefix("The size 5x5 is not one"))
        #expect(ParameterError.notAllowed(.stylePreset, value: "oil", allowed: ["anime"]).description(naming: .commandLine)
                == "--style-preset \"oil\" is not known to the model; use one of anime.")
        // Every field has its option but the prompt, an argument.
        #expect(ParameterField.allCases.filter { $0.commandLineOption == nil } == [.prompt])
        #expect(ParameterError.notAllowed(.sampler, value: "K_FAST", allowed: ["K_EULER"]).description(naming: .commandLine)
                == "--sampler \"K_FAST\" is not known to the model; use one of K_EULER.")
    }

    @Test func rangesAreWrittenAsNumbersAreEverywhere() {
        #expect((0.0...35.0).inWords == "0 to 35")
        #expect((1.1...10.0).inWords == "1.1 to 10")
        #expect((10...150).inWords == "10 to 150")
        #expect((UInt32(0)...UInt32.max).inWords == "0 to 4294967295")
    }

    @Test func outOfRangeNumbersNameTheirField() throws {
        let cases: [(GenerationParameters, ModelDescriptor, String)] = [
            (GenerationParameters(prompt: "x", cfgScale: 35.5), sdxl, "cfg_scale"),
            (GenerationParameters(prompt: "x", cfgScale: .nan), sdxl, "cfg_scale"),
            (GenerationParameters(prompt: "x", cfgScale: 1.0), .novaCanvas, "cfg_scale"),
            (GenerationParameters(prompt: "x", steps: 9), sdxl, "steps"),
            (GenerationParameters(prompt: "x", steps: 151), sdxl, "steps"),
            (GenerationParameters(prompt: "x", seed: 858_993_460), .novaCanvas, "seed"),
            (GenerationParameters(prompt: "x", seed: UInt32.max), .stableImageUltra, "seed"),
            (GenerationParameters(prompt: "x", size: ImageSize(width: 1024, height: 1000)), sdxl, "height"),
            (GenerationParameters(prompt: "x", size: ImageSize(width: 1000, height: 1024)), sdxl, "width"),
            (GenerationParameters(prompt: "x", stylePreset: "watercolour"), sdxl, "style_preset"),
            (GenerationParameters(prompt: "x", sampler: "euler"), sdxl, "sampler"),
        ]
        for (parameters, descriptor, field) in cases {
            let error = try #require(throws: ParameterError.self) { try parameters.validated(using: descriptor) }
            #expect(error.field == field, "\(parameters) on \(descriptor.id)")
            #expect(error.description.contains("`\(field)`") || error.description.contains("width"))
        }
    }

    @Test func parametersTheModelDoesNotTakeAreCleared() throws {
        let validated = try GenerationParameters(
            prompt: "x", cfgScale: 5, steps: 50, sampler: "K_EULER"
        ).validated(using: .stableImageCore)
        #expect(validated.cfgScale == nil)
        #expect(validated.steps == nil)
        #expect(validated.sampler == nil)
    }

    @Test func validChoicesAreKept() throws {
        let validated = try GenerationParameters(prompt: "x", stylePreset: "pixel-art", sampler: "K_EULER")
            .validated(using: sdxl)
        #expect(validated.stylePreset == "pixel-art")
        #expect(validated.sampler == "K_EULER")
    }

    @Test func unknownModelIsReportedOnTheModelField() {
        let error = ParameterError.unknownModel("openai.dall-e")
        #expect(error.field == "model")
        #expect(throws: ParameterError.unknownModel("openai.dall-e")) {
            try ModelCatalog.requestBody(for: GenerationParameters(prompt: "x", model: "openai.dall-e"))
        }
    }

    @Test func codableUsesTheBodysFieldNames() throws {
        let parameters = GenerationParameters(prompt: "p", negativePrompt: "n", cfgScale: 7, steps: 30, seed: 5)
        let json = try #require(String(data: try JSONEncoder().encode(parameters), encoding: .utf8))
        #expect(json.contains("\"negative_prompt\":\"n\""))
        #expect(json.contains("\"cfg_scale\":7"))
        #expect(json.contains("\"width\":1024"))
        let decoded = try JSONDecoder().decode(GenerationParameters.self, from: Data(json.utf8))
        #expect(decoded == parameters)
    }
}
