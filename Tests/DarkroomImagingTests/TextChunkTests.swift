import DarkroomTestSupport
import Testing

@testable import DarkroomImaging

struct TextChunkTests {
    static let prompt = "Ein Astronaut auf dem Mond, 宇宙飛行士, «café» — 🚀\nNegative prompt: blur\nSteps: 30, Seed: 4294967295"

    @Test(arguments: PNGTextChunk.Kind.allCases)
    func insertedChunkRoundTrips(kind: PNGTextChunk.Kind) throws {
        let original = try PNG.encode(RGBAImage(width: 4, height: 3, filledWith: 10, 20, 30))
        let text = kind == .iTXt ? Self.prompt : "Latin-1 only: café, naïve, 100°"
        let chunk = PNGTextChunk(keyword: "parameters", text: text, kind: kind)
        let edited = try PNG.inserting(chunk, into: original)
        #expect(try PNG.textChunks(in: edited) == [chunk])
        // Untouched pixels, and libpng accepts the new chunk's CRC.
        #expect(try PNG.decode(edited) == PNG.decode(original))
    }

    @Test func chunkSitsRightAfterIHDRAndTheRestIsUnchanged() throws {
        let original = try TestData.bytes("pngsuite/png/basn2c08.png")
        let edited = try PNG.inserting(PNGTextChunk(keyword: "darkroom", text: "{\"seed\":1}"), into: original)
        #expect(Array(edited.prefix(33)) == Array(original.prefix(33)))
        #expect(String(decoding: edited[37..<41], as: UTF8.self) == "iTXt")
        #expect(Array(edited.suffix(original.count - 33)) == Array(original.dropFirst(33)))
    }

    @Test func severalChunksAreReadInOrderFromTheHeadOnly() throws {
        var bytes = try PNG.encode(RGBAImage(width: 8, height: 8, filledWith: 1, 2, 3))
        let json = PNGTextChunk(keyword: "darkroom", text: "{\"prompt\":\"日本\"}")
        let parameters = PNGTextChunk(keyword: "parameters", text: Self.prompt)
        bytes = try PNG.inserting(json, into: bytes)
        bytes = try PNG.inserting(parameters, into: bytes)
        let idat = try #require(PNGChunkStream.chunks(in: bytes).first { $0.type == "IDAT" })
        let idatStart = idat.end - idat.data.count - 12
        // A ranged download that stops inside the IDAT chunk's header.
        let head = Array(bytes.prefix(idatStart + 6))
        #expect(try PNG.textChunks(in: head) == [parameters, json])
    }

    @Test func suiteTextChunksAreRead() throws {
        let chunks = try PNG.textChunks(in: TestData.bytes("pngsuite/png/ctzn0g04.png"))
        #expect(chunks.contains { $0.kind == .zTXt && $0.keyword == "Disclaimer" && $0.text.hasPrefix("Freeware") })
        #expect(chunks.contains { $0.kind == .tEXt && $0.keyword == "Title" && $0.text == "PngSuite" })
        let international = try PNG.textChunks(in: TestData.bytes("pngsuite/png/cthn0g04.png"))
        #expect(international.contains { $0.kind == .iTXt && $0.text.unicodeScalars.contains { $0.value > 127 } })
    }

    @Test func chunkWithBadCRCIsSkipped() throws {
        var bytes = try PNG.inserting(PNGTextChunk(keyword: "k", text: "v", kind: .tEXt), into: PNG.encode(RGBAImage(width: 1, height: 1, filledWith: 0, 0, 0)))
        bytes[33 + 8] ^= 0xFF
        #expect(try PNG.textChunks(in: bytes).isEmpty)
    }

    @Test func unwritableTextIsRefused() throws {
        let png = try PNG.encode(RGBAImage(width: 1, height: 1, filledWith: 0, 0, 0))
        #expect(throws: PNGError.self) { try PNG.inserting(PNGTextChunk(keyword: "k", text: "日本", kind: .tEXt), into: png) }
        #expect(throws: PNGError.self) { try PNG.inserting(PNGTextChunk(keyword: "", text: "x"), into: png) }
        #expect(throws: PNGError.self) { try PNG.inserting(PNGTextChunk(keyword: String(repeating: "k", count: 80), text: "x"), into: png) }
        #expect(throws: PNGError.notPNG) { try PNG.inserting(PNGTextChunk(keyword: "k", text: "x"), into: [1, 2, 3]) }
    }
}
