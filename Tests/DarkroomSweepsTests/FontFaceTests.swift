import DarkroomImaging
import DarkroomSweeps
import Testing

/// Labels in the characters people write prompts in: what DejaVu Sans lacks comes from the fallback faces
/// `scripts/setup.sh` installs (Droid Sans Fallback for CJK, Symbola for symbols and emoji).
@Suite struct FontFaceTests {
    static let droid = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
    static let symbola = "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"
    /// A private-use character no font has: what a missing glyph looks like.
    static let missing = "\u{10FFFD}"

    /// `text` drawn black on white, as the pixels' red channel (a failed comparison says only that they differ).
    static func drawn(_ text: String, with files: FontFiles) throws -> Pixels {
        let font = try FontFace(files, pixelSize: 24)
        var image = RGBAImage(width: 96, height: 40, filledWith: 255, 255, 255)
        font.draw(text, into: &image, x: 4, baseline: 30, color: RGB(r: 0, g: 0, b: 0))
        return Pixels(red: stride(from: 0, to: image.pixels.count, by: 4).map { image.pixels[$0] })
    }

    struct Pixels: Equatable, CustomStringConvertible {
        var red: [UInt8]
        var inked: Int { red.count { $0 < 128 } }
        var description: String { "\(inked) inked pixels" }
    }

    @Test func theSystemFontsListTheInstalledFallbacksAfterThePrimary() throws {
        let files = try FontFace.systemFonts(environment: [:])
        #expect(files.primary.hasSuffix("DejaVuSans.ttf"))
        #expect(files.fallbacks.contains(Self.droid) && files.fallbacks.contains(Self.symbola))
        // DARKROOM_FONT replaces the primary face only: the fallbacks still draw what it lacks.
        let chosen = try FontFace.systemFonts(environment: ["DARKROOM_FONT": "/fonts/mine.ttf"])
        #expect(chosen == FontFiles(primary: "/fonts/mine.ttf", fallbacks: files.fallbacks))
    }

    @Test func charactersThePrimaryLacksAreDrawnFromAFallback() throws {
        let files = try FontFace.systemFonts(environment: [:])
        let alone = FontFiles(primary: files.primary)
        // Without fallbacks, two different kanji are the same missing-glyph box: the control.
        let box = try Self.drawn(Self.missing, with: alone)
        #expect(try Self.drawn("灯", with: alone) == box)
        #expect(try Self.drawn("台", with: alone) == box)
        // With them, each character has its own shape, and none is the box.
        for text in ["灯", "台", "ひ", "🌊", "☂"] {
            let pixels = try Self.drawn(text, with: files)
            #expect(pixels != box, "\(text) is drawn as the missing-glyph box")
            #expect(pixels.inked > 20, "\(text) left no ink")
        }
        #expect(try Self.drawn("灯", with: files) != Self.drawn("台", with: files))
        // A character no face has keeps the primary's box, so the label still shows something is there.
        #expect(try Self.drawn(Self.missing, with: files) == box)
    }

    @Test func thePrimaryKeepsWhatItHasAndItsKerning() throws {
        let files = try FontFace.systemFonts(environment: [:])
        let alone = FontFiles(primary: files.primary)
        for text in ["AVA lighthouse", "Ωmega café"] {
            #expect(try Self.drawn(text, with: files) == Self.drawn(text, with: alone))
            #expect(try FontFace(files, pixelSize: 24).width(of: text) == FontFace(alone, pixelSize: 24).width(of: text))
        }
    }

    @Test func anInvisibleCharacterNoFaceHasTakesNoSpace() throws {
        let font = try FontFace(try FontFace.systemFonts(environment: [:]), pixelSize: 24)
        // An emoji's presentation selector, a zero-width joiner, and the tag characters that spell a subdivision's
        // flag (Scotland: gbsct): drawn as boxes, they would widen the label by a box each.
        #expect(font.width(of: "🌊\u{FE0F}") == font.width(of: "🌊"))
        #expect(font.width(of: "a\u{200D}b") == font.width(of: "ab"))
        #expect(font.width(of: "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}") == font.width(of: "🏴"))
    }

    @Test func aFallbackThatCannotBeOpenedIsPassedOver() throws {
        let primary = try FontFace.systemFonts(environment: [:]).primary
        let broken = FontFiles(primary: primary, fallbacks: ["/nonexistent/font.ttf", "/etc/hostname", Self.droid])
        #expect(try Self.drawn("灯台", with: broken) == Self.drawn("灯台", with: FontFiles(primary: primary, fallbacks: [Self.droid])))
    }
}
