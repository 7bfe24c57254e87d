@testable import DarkroomBackend
import DarkroomCore

/// The `POST /image-generation` body: the strict JSON reader, the field reader, and validation.
enum RequestBodyFuzz {
    static func run(_ bytes: [UInt8]) {
        let json = try? JSONParser.parse(bytes)
        FuzzCheck.require(json == nil || String(validating: bytes, as: UTF8.self) != nil, "only UTF-8 parses")
        guard let body = try? GenerationRequestBody.parse(bytes, defaultModel: ModelCatalog.defaultModel) else { return }
        var generator = SplitMix(seed: 7)
        guard let valid = try? body.parameters.validated(using: body.descriptor, seedGenerator: &generator) else { return }
        // What validation accepts never holds a control character, so it is safe in a PNG chunk and on a terminal.
        for text in [valid.prompt, valid.negativePrompt] {
            FuzzCheck.require(!text.unicodeScalars.contains(where: ControlCharacters.isRefused), "validated text without controls")
        }
        FuzzCheck.require(valid.prompt.count <= body.descriptor.maxPromptLength, "prompt length within the model's limit")
    }
}

/// A fixed-seed generator, so a crash replays the same way.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
