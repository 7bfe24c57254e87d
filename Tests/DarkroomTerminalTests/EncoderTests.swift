import DarkroomImaging
import DarkroomTestSupport
@testable import DarkroomTerminal
import Foundation
import Testing

/// The byte streams each protocol produces, checked offline against the protocols' rules and decoded back.
@Suite struct EncoderTests {
    /// A picture with gradients, hard edges and fine detail, so both colour and shape errors show.
    static func testPicture(width: Int = 96, height: Int = 64) -> RGBAImage {
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let offset = (y * width + x) * 4
                pixels[offset] = UInt8(x * 255 / max(1, width - 1))
                pixels[offset + 1] = UInt8(y * 255 / max(1, height - 1))
                pixels[offset + 2] = (x / 8 + y / 8) % 2 == 0 ? 200 : 40
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// Deterministic noise: it does not compress, so its PNG needs many chunks.
    static func noise(width: Int, height: Int) -> RGBAImage {
        var state: UInt32 = 2_463_534_242
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        for index in pixels.indices where index % 4 != 3 {
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            pixels[index] = UInt8(truncatingIfNeeded: state)
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// Splits a byte stream into its APC (`ESC _ … ESC \`) sequences' bodies.
    private func apcBodies(_ bytes: [UInt8]) -> [String] {
        var bodies: [String] = []
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x1B && bytes[index + 1] == UInt8(ascii: "_") {
                var end = index + 2
                while end + 1 < bytes.count && !(bytes[end] == 0x1B && bytes[end + 1] == UInt8(ascii: "\\")) { end += 1 }
                bodies.append(String(decoding: bytes[(index + 2)..<end], as: UTF8.self))
                index = end + 2
            } else {
                index += 1
            }
        }
        return bodies
    }

    @Test func kittyChunksFollowTheRulesAndCarryThePicture() throws {
        let picture = Self.noise(width: 60, height: 40)
        let bytes = try KittyEncoder().encode(picture, placement: ImagePlacement(columns: 20, rows: 6, imageID: 7))
        let chunks = apcBodies(bytes)
        #expect(chunks.count > 2)
        var payload = ""
        for (index, chunk) in chunks.enumerated() {
            let parts = chunk.dropFirst().split(separator: ";", maxSplits: 1)
            #expect(chunk.first == "G")
            let keys = parts[0].split(separator: ",").map(String.init)
            let data = parts.count > 1 ? String(parts[1]) : ""
            #expect(data.utf8.count <= 4096)
            let last = index == chunks.count - 1
            #expect(keys.contains(last ? "m=0" : "m=1"))
            if !last { #expect(data.utf8.count % 4 == 0) }
            if index == 0 {
                for key in ["a=T", "f=100", "i=7", "c=20", "r=6", "C=1", "q=2"] { #expect(keys.contains(key), "missing \(key)") }
            } else {
                #expect(Set(keys).isSubset(of: ["m=0", "m=1", "q=2"]))
            }
            payload += data
        }
        let png = try #require(Data(base64Encoded: payload))
        #expect(try PNG.decode([UInt8](png)) == picture)
    }

    @Test func kittyEraseDeletesByID() {
        let bytes = KittyEncoder().erase(ImagePlacement(columns: 1, rows: 1, imageID: 9))
        #expect(String(decoding: bytes, as: UTF8.self) == "\u{1B}_Ga=d,d=I,i=9,q=2\u{1B}\\")
    }

    @Test func kittyPlaceholdersWriteOneMarkedCellPerPosition() throws {
        let bytes = try KittyEncoder(placeholders: true).encode(Self.testPicture(width: 8, height: 8),
                                                                 placement: ImagePlacement(columns: 3, rows: 2, imageID: 42, origin: (5, 1)))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(apcBodies(bytes).first?.contains("U=1") == true)
        #expect(!(apcBodies(bytes).first?.contains("C=1") ?? true))
        #expect(text.contains("\u{1B}[2;6H\u{1B}[38;5;42m"))
        #expect(text.contains("\u{1B}[3;6H\u{1B}[38;5;42m"))
        #expect(text.unicodeScalars.filter { $0 == KittyPlaceholders.placeholder }.count == 6)
        // Row 1, column 2: U+10EEEE, diacritic 1 (U+030D), diacritic 2 (U+030E).
        #expect(text.contains("\u{10EEEE}\u{030D}\u{030E}"))
        #expect(KittyPlaceholders.diacritics.count == 297)
        #expect(KittyPlaceholders.colorSequence(imageID: 0x01_02_03_04 & 0xFF_FFFF) == "\u{1B}[38;2;2;3;4m")
    }

    @Test func tmuxPassthroughDoublesEveryEscape() {
        let wrapped = TmuxPassthrough.wrap(Array("\u{1B}_Gm=0;AA\u{1B}\\".utf8))
        #expect(String(decoding: wrapped, as: UTF8.self) == "\u{1B}Ptmux;\u{1B}\u{1B}_Gm=0;AA\u{1B}\u{1B}\\\u{1B}\\")
        let positioned = String(decoding: TmuxPassthrough.positioned(Array("X".utf8), at: (column: 4, row: 2)), as: UTF8.self)
        #expect(positioned == "\u{1B}Ptmux;\u{1B}\u{1B}7\u{1B}\u{1B}[3;5HX\u{1B}\u{1B}8\u{1B}\\")
    }

    @Test func kittyInsideTmuxWrapsEachChunkUnderTheLimit() throws {
        let bytes = try KittyEncoder(tmux: true).encode(Self.noise(width: 60, height: 40),
                                                         placement: ImagePlacement(columns: 30, rows: 10, imageID: 3))
        let text = String(decoding: bytes, as: UTF8.self)
        let sequences = text.components(separatedBy: "\u{1B}Ptmux;").dropFirst()
        #expect(sequences.count > 1)
        for sequence in sequences { #expect(sequence.utf8.count < TmuxPassthrough.sequenceLimit) }
        let undoubled = text.replacingOccurrences(of: "\u{1B}\u{1B}", with: "")
        #expect(!undoubled.contains("\u{1B}_G"), "every APC is inside passthrough, its ESC doubled")
    }

    @Test func iTerm2HeaderFields() throws {
        let picture = Self.testPicture(width: 16, height: 8)
        let bytes = try ITerm2Encoder().encode(picture, placement: ImagePlacement(columns: 12, rows: 3))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("\u{1B}]1337;File=inline=1;size="))
        #expect(text.hasSuffix("\u{07}"))
        let header = try #require(text.dropFirst(2).split(separator: ":", maxSplits: 1).first)
        let fields = header.dropFirst("1337;File=".count).split(separator: ";").map(String.init)
        let png = try PNG.encode(picture)
        #expect(fields == ["inline=1", "size=\(png.count)", "width=12", "height=3", "preserveAspectRatio=1"])
        let payload = try #require(text.split(separator: ":", maxSplits: 1).last?.dropLast())
        #expect(Data(base64Encoded: String(payload)).map([UInt8].init) == png)
    }

    /// The base64 payload of a kitty upload, its chunks joined.
    static func kittyPayload(_ text: String) -> String {
        let chunks: [String] = text.components(separatedBy: "\u{1B}_G").dropFirst().map { chunk in
            let data = chunk.split(separator: ";", maxSplits: 1).last.map(String.init) ?? ""
            return data.hasSuffix("\u{1B}\\") ? String(data.dropLast(2)) : data
        }
        return chunks.joined()
    }

    @Test func base64MatchesFoundation() {
        for count in 0..<10 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
            #expect(String(decoding: Base64.encode(bytes), as: UTF8.self) == Data(bytes).base64EncodedString())
        }
    }

    @Test func rendererFitsTheBoxKeepingAspect() throws {
        let renderer = GraphicsRenderer(encoder: KittyEncoder(), cellPixels: PixelSize(width: 10, height: 20))
        let fitted = renderer.fit(imageWidth: 1024, imageHeight: 1024, columns: 80, rows: 40)
        #expect(fitted.pixels == PixelSize(width: 800, height: 800))
        #expect(fitted.columns == 80 && fitted.rows == 40)
        let wide = renderer.fit(imageWidth: 2000, imageHeight: 500, columns: 80, rows: 40)
        #expect(wide.pixels == PixelSize(width: 800, height: 200))
        #expect(wide.rows == 10)
    }

    /// From the file's bytes (decoded straight to the sent size; kitty and iTerm2 through the two-thread
    /// transcode): the picture inside the stream is the source scaled to the reported size, within the budget.
    @Test func rendererFromPNGBytesSendsTheScaledPicture() throws {
        let file = try TestData.bytes("images/astronaut_1024_rgb.png")
        let source = try PNG.decode(file)
        for encoder: any GraphicsEncoder in [KittyEncoder(), ITerm2Encoder()] {
            let renderer = GraphicsRenderer(encoder: encoder, cellPixels: PixelSize(width: 10, height: 20))
            let encoded = try renderer.render(png: file, columns: 80, rows: 40)
            #expect(encoded.bytes.count <= GraphicsRenderer.imageBudget)
            #expect(encoded.pixels.width < 800 && encoded.pixels.width == encoded.pixels.height, "a photo's 800x800 PNG is over the budget")
            let text = String(decoding: encoded.bytes, as: UTF8.self)
            let payload: String = encoder is KittyEncoder ? Self.kittyPayload(text) : String(text.drop { $0 != ":" }.dropFirst().dropLast())
            let picture = try PNG.decode([UInt8](try #require(Data(base64Encoded: payload))))
            #expect(picture == source.resized(width: encoded.pixels.width, height: encoded.pixels.height))
        }
        #expect(throws: GraphicsError.self) {
            try GraphicsRenderer(encoder: KittyEncoder(), cellPixels: PixelSize(width: 10, height: 20)).render(png: Array(file.prefix(5000)), columns: 8, rows: 4)
        }
    }

    /// The kitty and iTerm2 fast path (`PipelinedTranscode`) sends the plain scaled decode's pixels, an opaque photo
    /// and one with transparency, whether its runner starts the compressor and the read-ahead on threads of their own
    /// or refuses (both then run on this thread, one after the other); a file cut short fails either way.
    @Test func transcodeGivesThePlainScaledDecodeWithOrWithoutThreads() throws {
        let runners: [(PNG.BackgroundRunner, String)] = [(GraphicsRenderer.background, "threads"), ({ _ in false }, "no threads")]
        for name in ["images/astronaut_1024_rgb.png", "images/coffee_1024_rgba.png"] {
            let file = try TestData.bytes(name)
            for (width, height) in [(301, 299), (64, 97)] {
                let expected = try PNG.decode(file, width: width, height: height)
                for (runner, label) in runners {
                    let transcoded = try PipelinedTranscode.transcode(file, width: width, height: height, background: runner)
                    #expect(try PNG.decode(transcoded) == expected, "\(name) at \(width)x\(height), \(label)")
                }
            }
            for (runner, label) in runners {
                #expect(throws: PNGError.self, "\(name) cut short, \(label)") {
                    try PipelinedTranscode.transcode(Array(file.prefix(file.count / 2)), width: 50, height: 50, background: runner)
                }
            }
        }
    }

    @Test func rendererScalesDownToTheBudget() throws {
        // Noise does not compress: at full size it is far over a 64 KiB budget.
        let noise = Self.noise(width: 400, height: 400)
        let renderer = GraphicsRenderer(encoder: KittyEncoder(), cellPixels: PixelSize(width: 10, height: 20), budget: 64 << 10)
        let encoded = try renderer.render(noise, columns: 40, rows: 20)
        #expect(encoded.bytes.count <= 64 << 10)
        #expect(encoded.pixels.width < 400)
        #expect(encoded.columns == 40)
    }
}

/// kitty stretches a picture over its `c` x `r` cells: the renderer pads it to whole cells instead.
@Suite struct KittyPaddingTests {
    @Test func pictureIsPaddedToWholeCellsWithTransparency() throws {
        let renderer = GraphicsRenderer(encoder: KittyEncoder(), cellPixels: PixelSize(width: 9, height: 20))
        let encoded = try renderer.render(EncoderTests.testPicture(width: 256, height: 192), columns: 40, rows: 15)
        #expect(encoded.columns == 40 && encoded.rows == 14)
        #expect(encoded.pixels == PixelSize(width: 360, height: 270))
        let text = String(decoding: encoded.bytes, as: UTF8.self)
        let payload = EncoderTests.kittyPayload(text)
        let png = try PNG.decode([UInt8](try #require(Data(base64Encoded: payload))))
        #expect(png.width == 360 && png.height == 280)
        #expect(png.pixels[(275 * 360 + 10) * 4 + 3] == 0, "the padding is transparent")
        #expect(png.pixels[(265 * 360 + 10) * 4 + 3] == 255)
    }
}
