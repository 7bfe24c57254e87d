import CFreeType
import DarkroomCore
import DarkroomImaging
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Why a font could not be used for labels.
public enum FontError: Error, Equatable, CustomStringConvertible {
    case notFound(searched: [String])
    case unusable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let searched):
            "No label font was found (looked for \(searched.joined(separator: ", "))); install fonts-dejavu-core or set DARKROOM_FONT to a .ttf file."
        case .unusable(let path, let reason):
            "The font \(path) cannot be used: \(reason); set DARKROOM_FONT to another .ttf file."
        }
    }
}

/// The label fonts: a primary face, and faces tried in order for the characters it lacks.
public struct FontFiles: Sendable, Equatable {
    public var primary: String
    public var fallbacks: [String]

    public init(primary: String, fallbacks: [String] = []) {
        self.primary = primary
        self.fallbacks = fallbacks
    }
}

/// TrueType faces at one pixel size, drawing text into RGBA images through FreeType: each character in the
/// primary face when it has one, else in the first fallback that does, so a prompt in Japanese or with an emoji is
/// labelled in its own characters rather than in missing-glyph boxes.
///
/// Not thread-safe (FreeType faces are not): make one per rendering job.
public final class FontFace {
    /// DejaVu Sans from Debian's fonts-dejavu-core, then other common places.
    public static let candidates = [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
    ]

    /// Faces for what DejaVu Sans lacks, in this order where installed: Chinese, Japanese and Korean
    /// (fonts-noto-cjk), Korean (fonts-nanum), Chinese and Japanese (fonts-droid-fallback), then symbols and emoji
    /// in outline (fonts-symbola). Colour emoji fonts are bitmaps at fixed sizes that FreeType cannot scale to a
    /// label's size, so none is listed.
    public static let fallbackCandidates = [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
    ]

    /// The label fonts: `DARKROOM_FONT` when set, else the first of `candidates` that exists; then every installed
    /// fallback.
    public static func systemFonts(environment: [String: String] = ProcessInfo.processInfo.environment) throws(FontError) -> FontFiles {
        let fallbacks = fallbackCandidates.filter(FileManager.default.fileExists(atPath:))
        if let chosen = environment["DARKROOM_FONT"], !chosen.isEmpty { return FontFiles(primary: chosen, fallbacks: fallbacks) }
        guard let found = candidates.first(where: FileManager.default.fileExists(atPath:)) else {
            throw .notFound(searched: candidates)
        }
        return FontFiles(primary: found, fallbacks: fallbacks)
    }

    /// A fallback face, opened the first time a character needs one (most labels never do).
    private enum Fallback {
        case unopened(path: String)
        case open(OpaquePointer)
        /// A file FreeType cannot open: passed over for the next fallback.
        case unusable
    }

    private let primary: OpaquePointer
    private var fallbacks: [Fallback]
    private let pixelSize: Int32
    /// The face chosen for each character seen so far (nil: an invisible character no face has).
    private var chosenFaces: [UInt32: OpaquePointer?] = [:]
    /// Pixels above the baseline.
    public let ascender: Int
    /// Pixels below the baseline (positive).
    public let descender: Int
    /// Baseline-to-baseline distance.
    public let lineHeight: Int

    /// Opens the primary font at `pixelSize`; fallbacks are opened when first needed.
    public init(_ files: FontFiles, pixelSize: Int) throws(FontError) {
        var message = [CChar](repeating: 0, count: 256)
        guard let face = cft_open(files.primary, Int32(pixelSize), &message, message.count) else {
            throw .unusable(path: files.primary, reason: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        primary = face
        fallbacks = files.fallbacks.map { .unopened(path: $0) }
        self.pixelSize = Int32(pixelSize)
        var ascender: Int32 = 0, descender: Int32 = 0, height: Int32 = 0
        cft_metrics(face, &ascender, &descender, &height)
        self.ascender = Int(ascender)
        self.descender = Int(-descender)
        lineHeight = max(Int(height), Int(ascender - descender))
    }

    deinit {
        cft_close(primary)
        for case .open(let face) in fallbacks { cft_close(face) }
    }

    /// The advance width of `text` in pixels.
    public func width(of text: String) -> Int {
        forEachGlyph(in: text) { _, _ in }
    }

    /// `text` shortened with an ellipsis until it fits `maxWidth` pixels.
    public func fitted(_ text: String, maxWidth: Int) -> String {
        if width(of: text) <= maxWidth { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters).trimmingWhitespace() + "…"
            if width(of: candidate) <= maxWidth { return candidate }
        }
        return ""
    }

    /// Draws `text` with its baseline at `baseline`, starting at `x`, blending `color` by glyph coverage.
    public func draw(_ text: String, into image: inout RGBAImage, x: Int, baseline: Int, color: RGB) {
        forEachGlyph(in: text) { glyph, pen in
            guard let buffer = glyph.buffer else { return }
            let left = x + pen + Int(glyph.left), top = baseline - Int(glyph.top)
            for row in 0..<Int(glyph.rows) {
                let y = top + row
                guard y >= 0, y < image.height else { continue }
                for column in 0..<Int(glyph.width) {
                    let px = left + column
                    guard px >= 0, px < image.width else { continue }
                    let coverage = Int(buffer[row * Int(glyph.pitch) + column])
                    guard coverage > 0 else { continue }
                    let offset = (y * image.width + px) * 4
                    image.pixels[offset] = Self.blend(image.pixels[offset], color.r, coverage)
                    image.pixels[offset + 1] = Self.blend(image.pixels[offset + 1], color.g, coverage)
                    image.pixels[offset + 2] = Self.blend(image.pixels[offset + 2], color.b, coverage)
                    image.pixels[offset + 3] = 255
                }
            }
        }
    }

    /// Renders `text` glyph by glyph, handing each to `body` with its pen offset from the start; returns the
    /// advance of the whole text.
    @discardableResult
    private func forEachGlyph(in text: String, _ body: (cft_glyph, Int) -> Void) -> Int {
        var pen = 0
        var previous: (face: OpaquePointer, scalar: UInt32)?
        for scalar in text.unicodeScalars {
            guard let face = face(for: scalar) else { continue }
            // Kerning pairs belong to one face; between two faces there are none.
            if let previous, previous.face == face { pen += Int(cft_kerning(face, previous.scalar, scalar.value)) }
            previous = (face, scalar.value)
            var glyph = cft_glyph()
            guard cft_render(face, scalar.value, &glyph) == 0 else { continue }
            body(glyph, pen)
            pen += Int(glyph.advance)
        }
        return pen
    }

    /// The face that draws `scalar`: the primary when it has a glyph, else the first fallback that does. When none
    /// has one, an invisible character (a variation selector, a joiner) is skipped (nil) and any other is drawn as
    /// the primary's missing-glyph box, so the label still shows that something is there.
    private func face(for scalar: Unicode.Scalar) -> OpaquePointer? {
        if let chosen = chosenFaces[scalar.value] { return chosen }
        let chosen = findFace(for: scalar)
        chosenFaces[scalar.value] = .some(chosen)
        return chosen
    }

    private func findFace(for scalar: Unicode.Scalar) -> OpaquePointer? {
        if cft_has_glyph(primary, scalar.value) != 0 { return primary }
        for index in fallbacks.indices {
            if case .unopened(let path) = fallbacks[index] {
                fallbacks[index] = cft_open(path, pixelSize, nil, 0).map(Fallback.open) ?? .unusable
            }
            if case .open(let face) = fallbacks[index], cft_has_glyph(face, scalar.value) != 0 { return face }
        }
        return scalar.properties.isDefaultIgnorableCodePoint ? nil : primary
    }

    private static func blend(_ under: UInt8, _ over: UInt8, _ coverage: Int) -> UInt8 {
        UInt8((Int(under) * (255 - coverage) + Int(over) * coverage + 127) / 255)
    }
}
