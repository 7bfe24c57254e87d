import Testing
import Foundation
import DarkroomCore

@Suite struct ImageMetadataTests {
    var sample: ImageMetadata {
        ImageMetadata(
            parameters: GenerationParameters(
                prompt: "A cat running a marathon", negativePrompt: "blurry, low quality", cfgScale: 7, steps: 30,
                seed: 1234, stylePreset: "photographic", sampler: "K_EULER"
            ),
            engine: ImageMetadata.localPreviewEngine
        )
    }

    @Test func parametersTextFollowsTheCommonLayout() {
        #expect(sample.parametersText() == """
            A cat running a marathon
            Negative prompt: blurry, low quality
            Steps: 30, Sampler: K_EULER, CFG scale: 7, Seed: 1234, Size: 1024x1024, \
            Model: stability.stable-diffusion-xl-v1, Style preset: photographic, Engine: local-preview
            """)
    }

    @Test func parametersTextRoundTrips() throws {
        #expect(ImageMetadata.parse(parametersText: sample.parametersText()) == sample)
        var multiline = sample
        multiline.parameters.prompt = "line one\nline two, with: punctuation"
        multiline.parameters.negativePrompt = ""
        multiline.parameters.model = "amazon.nova-canvas-v1:0"
        multiline.parameters.cfgScale = 6.5
        multiline.parameters.steps = nil
        multiline.parameters.sampler = nil
        #expect(ImageMetadata.parse(parametersText: multiline.parametersText()) == multiline)
    }

    @Test func readsTextWithWindowsLineEndings() throws {
        let text = "masterpiece, a castle\r\nNegative prompt: lowres\r\nSteps: 20, CFG scale: 7.5, Seed: 3900069562, Size: 512x768"
        let metadata = try #require(ImageMetadata.parse(parametersText: text))
        #expect(metadata.parameters.prompt == "masterpiece, a castle")
        #expect(metadata.parameters.negativePrompt == "lowres")
        #expect(metadata.parameters.seed == 3_900_069_562)
    }

    @Test func readsTextWrittenByOtherTools() throws {
        let text = """
            masterpiece, a castle
            Negative prompt: lowres
            Steps: 20, Sampler: Euler a, CFG scale: 7.5, Seed: 3900069562, Size: 512x768, Model hash: 6ce0161689, Model: v1-5-pruned, Version: "v1.6.0"
            """
        let metadata = try #require(ImageMetadata.parse(parametersText: text))
        #expect(metadata.parameters.prompt == "masterpiece, a castle")
        #expect(metadata.parameters.negativePrompt == "lowres")
        #expect(metadata.parameters.steps == 20)
        #expect(metadata.parameters.sampler == "Euler a")
        #expect(metadata.parameters.cfgScale == 7.5)
        #expect(metadata.parameters.seed == 3_900_069_562)
        #expect(metadata.parameters.size == ImageSize(width: 512, height: 768))
        #expect(metadata.parameters.model == "v1-5-pruned")
        #expect(metadata.engine == "unknown")
    }

    @Test(arguments: ["", "just a prompt", "a prompt\nSteps: 20, Sampler: x", "p\nSeed: 1, Size: big"])
    func textWithoutSeedAndSizeIsNotMetadata(text: String) {
        #expect(ImageMetadata.parse(parametersText: text) == nil)
    }

    @Test func jsonRoundTripsAndNamesTheWriter() throws {
        let json = sample.json()
        #expect(json.contains("\"generator\":\"darkroom\""))
        #expect(!json.contains("created"), "no creation time: the same parameters store the same bytes")
        #expect(ImageMetadata.parse(json: json) == sample)
        #expect(ImageMetadata.parse(json: "{\"something\":1}") == nil)
        #expect(ImageMetadata.parse(json: "not json") == nil)
    }
}

/// Metadata read from an image anyone could have written carries no control characters.
struct ForeignMetadataTests {
    @Test func parsedTextLosesItsControlCharacters() throws {
        let text = "A cat\u{1B}[2J running\u{9B}1m\r\nNegative prompt: rain\u{00}\u{7F}\n"
            + "Steps: 30, Sampler: K_EULER\u{07}, CFG scale: 7, Seed: 42, Size: 1024x1024, Model: stability.stable-diffusion-xl-v1, Engine: x\u{85}y"
        let metadata = try #require(ImageMetadata.parse(parametersText: text))
        #expect(metadata.parameters.prompt == "A cat[2J running1m")
        #expect(metadata.parameters.negativePrompt == "rain")
        #expect(metadata.parameters.sampler == "K_EULER")
        #expect(metadata.engine == "xy")

        var record = ImageMetadata(parameters: GenerationParameters(prompt: "ok", seed: 1), engine: "bedrock")
        record.parameters.prompt = "tab\tand\nnewline stay, \u{1B}escape and \u{9F}C1 go, CR LF\r\nis a newline"
        let parsed = try #require(ImageMetadata.parse(json: record.json()))
        #expect(parsed.parameters.prompt == "tab\tand\nnewline stay, escape and C1 go, CR LF\nis a newline")
    }

    @Test func validationRefusesControlsNamingTheFieldAndPosition() throws {
        let descriptor = try #require(ModelCatalog.descriptor(for: ModelCatalog.defaultModel))
        #expect(throws: ParameterError.controlCharacter(.prompt, scalar: "\u{1B}", position: 3)) {
            try GenerationParameters(prompt: "ab\u{1B}c").validated(using: descriptor)
        }
        #expect(throws: ParameterError.controlCharacter(.negativePrompt, scalar: "\u{9B}", position: 1)) {
            try GenerationParameters(prompt: "ok", negativePrompt: "\u{9B}").validated(using: descriptor)
        }
        let accepted = try GenerationParameters(prompt: "a\tb\r\nc\nd").validated(using: descriptor)
        #expect(accepted.prompt == "a\tb\nc\nd")
        #expect("x\u{1B}y\u{85}".escapingControlCharacters() == #"x\u{1B}y\u{85}"#)
        #expect("a\nb\tc".escapingControlCharacters() == "a\nb\tc")
        // A right-to-left override would make a terminal show what follows reversed.
        #expect(throws: ParameterError.controlCharacter(.prompt, scalar: "\u{202E}", position: 4)) {
            try GenerationParameters(prompt: "cat\u{202E}god").validated(using: descriptor)
        }
        #expect("cat\u{202E}god\u{2067}".strippingControlCharacters() == "catgod")
        #expect(try GenerationParameters(prompt: "שלום\u{200F} cat").validated(using: descriptor).prompt == "שלום\u{200F} cat")
        #expect("a\nb\tc".escapingControlCharacters(includingLineBreaks: true) == #"a\u{A}b\u{9}c"#)
    }
}
