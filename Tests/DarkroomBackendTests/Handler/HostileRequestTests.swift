import Foundation
import Testing
@testable import DarkroomBackend
import DarkroomCore
import DarkroomImaging
import DarkroomTestSupport

/// Requests a hostile or broken client sends: each is refused with a 400 that says why (naming the field when
/// there is one), before any model call, and nothing is stored.
struct HostileRequestTests {
    /// C0 controls but tab and newline, a lone CR, DEL and the C1 range, each as raw UTF-8 and as a JSON escape.
    static let controls: [Unicode.Scalar] = ["\u{00}", "\u{01}", "\u{07}", "\u{08}", "\u{0B}", "\u{0C}", "\u{0D}", "\u{1B}",
                                             "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9B}", "\u{9F}"]

    static func refused(_ response: BackendResponse, field: String?, fixture: HandlerFixture) async throws -> String {
        #expect(response.status == 400)
        let error = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body))
        #expect(error.field == field)
        #expect(fixture.model.callCount == 0)
        #expect(try await fixture.store.listAll(prefix: "").isEmpty)
        return error.error
    }

    /// A JSON string literal holding `text`, with `scalar` raw (JSON requires C0 escaped, so those go as \u00XX).
    static func literal(_ text: String, escaping: Bool) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if escaping && scalar.value < 0xA0 && (scalar.value < 0x20 || scalar.value >= 0x7F) {
                out += String(format: "\\u%04X", scalar.value)
            } else if scalar.value < 0x20 {
                out += String(format: "\\u%04X", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test(arguments: controls.indices)
    func controlCharactersInEitherPromptAreRefusedNamingTheField(index: Int) async throws {
        let control = Self.controls[index]
        let fixture = try HandlerFixture()
        defer { fixture.remove() }
        for escaping in [false, true] {
            let prompt = Self.literal("A cat\(control)running", escaping: escaping)
            var message = try await Self.refused(await fixture.post(#"{"message": \#(prompt), \#(smallSDXL)}"#), field: "message", fixture: fixture)
            #expect(message.contains(ControlCharacters.name(control)) && message.contains("character 6"), "\(message)")
            #expect(!message.unicodeScalars.contains(where: ControlCharacters.isRefused))

            let negative = #"{"message": "A cat", "negative_prompt": \#(prompt), \#(smallSDXL)}"#
            message = try await Self.refused(await fixture.post(negative), field: "negative_prompt", fixture: fixture)
            #expect(message.contains("negative_prompt"))
        }
    }

    @Test func tabNewlineAndCRLFAreAcceptedAndCRLFIsStoredAsANewline() async throws {
        let fixture = try HandlerFixture()
        defer { fixture.remove() }
        let response = await fixture.post(#"{"message": "A cat\trunning\r\na marathon\ngolden hour", \#(smallSDXL)}"#)
        #expect(response.status == 200)
        let result = try JSONDecoder().decode(GenerationResult.self, from: Data(response.body))
        #expect(result.parameters.prompt == "A cat\trunning\na marathon\ngolden hour")
        let stored = try await fixture.store.get(key: result.key)
        for chunk in try PNG.textChunks(in: stored.bytes) {
            #expect(!chunk.text.unicodeScalars.contains(where: ControlCharacters.isRefused), "\(chunk.keyword): \(chunk.text.debugDescription)")
        }
    }

    @Test func aKeyGivenTwiceIsRefusedNamingIt() async throws {
        let fixture = try HandlerFixture()
        defer { fixture.remove() }
        let body = #"{"message": "A cat", "message": "A dog", \#(smallSDXL)}"#
        let message = try await Self.refused(await fixture.post(body), field: "message", fixture: fixture)
        #expect(message.contains("more than once"))
    }

    @Test(arguments: [70, 10_000, 40_000])  // the deepest stays under the 256 KB body limit
    func deeplyNestedJSONIsRefusedWithoutExhaustingTheStack(depth: Int) async throws {
        let fixture = try HandlerFixture()
        defer { fixture.remove() }
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        for body in [#"{"message": "A cat", "x": \#(arrays)}"#, arrays, objects] {
            let message = try await Self.refused(await fixture.post(body), field: nil, fixture: fixture)
            #expect(message.contains("nests more than \(JSONParser.maxDepth) levels"), "\(message)")
        }
    }

    static let notUTF8: [[UInt8]] = [
        Array(#"{"message": "A cat "#.utf8) + [0xFF] + Array(#""}"#.utf8),              // never valid
        Array(#"{"message": "A cat "#.utf8) + [0xC0, 0x80] + Array(#""}"#.utf8),        // overlong NUL
        Array(#"{"message": "A cat "#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8),  // a surrogate
        Array(#"{"message": "A cat "#.utf8) + [0xE2, 0x82] + Array(#""}"#.utf8),        // cut short
        [0xFF, 0xFE] + Array(#"{"message": "A cat"}"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },  // UTF-16LE
    ]

    @Test(arguments: notUTF8.indices)
    func bodiesThatAreNotUTF8AreRefused(index: Int) async throws {
        let fixture = try HandlerFixture()
        defer { fixture.remove() }
        let response = await fixture.handler.handle(
            BackendRequest(method: "POST", path: ImageGenerationHandler.path, body: Self.notUTF8[index]))
        let message = try await Self.refused(response, field: nil, fixture: fixture)
        #expect(message.contains("not UTF-8"))
    }

    @Test func aLoneSurrogateEscapeIsNotJSON() async throws {
        let fixture = try HandlerFixture()
        defer { fixture.remove() }
        for body in [#"{"message": "A cat \uD800"}"#, #"{"message": "A cat \uDC00\uD800"}"#] {
            let message = try await Self.refused(await fixture.post(body), field: nil, fixture: fixture)
            #expect(message.contains("not valid JSON"))
        }
        // A proper pair is one character.
        let response = await fixture.post(#"{"message": "A cat \uD83D\uDC08", \#(smallSDXL)}"#)
        #expect(response.status == 200)
    }

    @Test func unknownNamesAndModelsAreQuotedWithTheirControlsVisible() async throws {
        let fixture = try HandlerFixture()
        defer { fixture.remove() }
        for body in [#"{"message": "A cat", "x\u001b[2J": 1}"#, #"{"message": "A cat", "model": "m\u009b31m"}"#] {
            let response = await fixture.post(body)
            #expect(response.status == 400)
            let text = String(decoding: response.body, as: UTF8.self)
            #expect(!text.unicodeScalars.contains(where: ControlCharacters.isRefused), "\(text.debugDescription)")
            #expect(text.contains(#"\\u{1B}"#) || text.contains(#"\\u{9B}"#), "\(text)")
        }
    }

    @Test func lambdaEventsWithDuplicateKeysOrDeepNestingAreNotEvents() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: LambdaEventError.duplicateKey("httpMethod")) {
            try LambdaEvent.decode(Array(#"{"httpMethod": "POST", "httpMethod": "GET", "path": "/image-generation"}"#.utf8))
        }
        #expect(throws: LambdaEventError.tooDeep(limit: 64)) { try LambdaEvent.decode(Array(#"{"a": \#(deep)}"#.utf8)) }
    }
}
