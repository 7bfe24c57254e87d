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

/// A TrueType face at one pixel size, drawing text into RGBA images through FreeType.
///
/// Not thread-safe (FreeType faces are not): make one per rendering job.
public final class FontFace {
    /// DejaVu Sans from Debian's fonts-dejavu-core, then other common places.
    public static let candidates = [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
    ]

    /// The label font: `DARKROOM_FONT` when set, else the first of `candidates` that exists.
    public static func systemFontPath(environment: [String: String] = ProcessInfo.processInfo.environment) throws(FontError) -> String {
        if let chosen = environment["DARKROOM_FONT"], !chosen.isEmpty { return chosen }
        guard let found = candidates.first(where: FileManager.default.fileExists(atPath:)) else {
            throw .notFound(searched: candidates)
        }
        return found
    }

    private let face: OpaquePointer
    /// Pixels above the baseline.
    public let ascender: Int
    /// Pixels below the baseline (positive).
    public let descender: Int
    /// Baseline-to-baseline distance.
    public let lineHeight: Int

    /// Opens the font at `path` at `pixelSize`.
    public init(path: String, pixelSize: Int) throws(FontError) {
        var message = [CChar](repeating: 0, count: 256)
        guard let face = cft_open(path, Int32(pixelSize), &message, message.count) else {
            throw .unusable(path: path, reason: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        self.face = face
        var ascender: Int32 = 0, descender: Int32 = 0, height: Int32 = 0
        cft_metrics(face, &ascender, &descender, &height)
        self.ascender = Int(ascender)
        self.descender = Int(-descender)
        lineHeight = max(Int(height), Int(ascender - descender))
    }

    deinit {
        cft_close(face)
    }

    /// The advance width of `text` in pixels.
    public func width(of text: String) -> Int {
        var pen = 0
        var previous: UInt32?
        for scalar in text.unicodeScalars {
            if let previous { pen += Int(cft_kerning(face, previous, scalar.value)) }
            var glyph = cft_glyph()
            if cft_render(face, scalar.value, &glyph) == 0 { pen += Int(glyph.advance) }
            previous = scalar.value
        }
        return pen
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
        var pen = x
        var previous: UInt32?
        for scalar in text.unicodeScalars {
            if let previous { pen += Int(cft_kerning(face, previous, scalar.value)) }
            previous = scalar.value
            var glyph = cft_glyph()
            guard cft_render(face, scalar.value, &glyph) == 0 else { continue }
            defer { pen += Int(glyph.advance) }
            guard let buffer = glyph.buffer else { continue }
            let left = pen + Int(glyph.left), top = baseline - Int(glyph.top)
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

    private static func blend(_ under: UInt8, _ over: UInt8, _ coverage: Int) -> UInt8 {
        UInt8((Int(under) * (255 - coverage) + Int(over) * coverage + 127) / 255)
    }
}
