@testable import DarkroomBackend
import DarkroomCore

/// The `POST /image-generation` body: the strict JSON reader, the field reader, and validation.
enum RequestBodyFuzz {
    static func run(_ bytes: [UInt8]) {
        let json = try? JSONParser.parse(bytes)
        FuzzCheck.require(json == nil || String(validating: bytes, as: UTF8.self) != nil, "only UTF-8 parses")
        guard let body = try? GenerationRequestBody.parse(bytes, defaultModel: ModelCatalog.defaultModel) else { return }
        var generator = SplitMix(state: 7)  // fixed, so a crash replays the same way
        guard let valid = try? body.parameters.validated(using: body.descriptor, seedGenerator: &generator) else { return }
        // What validation accepts never holds a control character, so it is safe in a PNG chunk and on a terminal.
        for text in [valid.prompt, valid.negativePrompt] {
            FuzzCheck.require(!text.unicodeScalars.contains(where: ControlCharacters.isRefused), "validated text without controls")
        }
        FuzzCheck.require(valid.prompt.count <= body.descriptor.maxPromptLength, "prompt length within the model's limit")
    }
}
