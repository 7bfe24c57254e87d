import DarkroomTestSupport
import Foundation
import Testing

@testable import DarkroomImaging

/// PngSuite: every valid file decodes to the reference pixels, every corrupt one is refused.
struct PngSuiteTests {
    static let folder = TestData.url("pngsuite/png")

    static let validFiles: [String] = files { !$0.hasPrefix("x") }
    static let corruptFiles: [String] = files { $0.hasPrefix("x") }

    private static func files(where include: (String) -> Bool) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".png") && include($0) }.sorted()
    }

    /// 16-bit files whose 8-bit reference rounds as libpng's `png_set_scale_16` does, so they must
    /// match exactly. The other 16-bit files have `_to8` references reduced another way (most by
    /// truncation, v >> 8), which differs from rounding by 1 in some channels: those are compared
    /// within ±1.
    static let exactSixteenBitFiles: Set<String> = [
        "basi4a16.png", "basi6a16.png", "basn4a16.png", "basn6a16.png", "g03n0g16.png", "g04n0g16.png",
        "g05n0g16.png", "g07n0g16.png", "g10n0g16.png", "g25n0g16.png", "tbbn2c16.png", "tbgn2c16.png",
    ]

    /// The reference pixels as 8-bit RGBA and the allowed difference per channel: 0 for files of
    /// 8 bits or fewer and for `exactSixteenBitFiles`, 1 for the other 16-bit files. A 16-bit file
    /// is compared with its `_to8` reference or, where there is none, its 16-bit reference rounded
    /// to 8 bits.
    static func reference(for file: String) throws -> (pixels: [Int], tolerance: Int) {
        let stem = String(file.dropLast(4))
        let json = TestData.url("pngsuite/json")
        let isSixteenBit = stem.hasSuffix("16")
        let tolerance = isSixteenBit && !exactSixteenBitFiles.contains(file) ? 1 : 0
        if isSixteenBit, let reduced = try? Data(contentsOf: json.appendingPathComponent("\(stem)_to8.json")) {
            return (try JSONDecoder().decode([Int].self, from: reduced), tolerance)
        }
        let values = try JSONDecoder().decode([Int].self, from: Data(contentsOf: json.appendingPathComponent("\(stem).json")))
        return (isSixteenBit ? values.map { ($0 * 255 + 32767) / 65535 } : values, tolerance)
    }

    @Test func suiteIsPresent() {
        #expect(Self.validFiles.count == 161)
        #expect(Self.corruptFiles.count == 14)
    }

    @Test(arguments: validFiles)
    func validFileMatchesReference(_ file: String) throws {
        let image = try PNG.decode(contentsOf: Self.folder.appendingPathComponent(file).path)
        let (expected, tolerance) = try Self.reference(for: file)
        try #require(image.pixels.count == expected.count, "\(file): \(image.width)x\(image.height)")
        let worst = zip(image.pixels, expected).map { abs(Int($0) - $1) }.max() ?? 0
        #expect(worst <= tolerance, "\(file): a channel differs by \(worst)")
    }

    /// What each corrupt file is refused as (libpng's words for the damage).
    static let corruptExpectations: [String: PNGError] = [
        "xs1n0g01.png": .notPNG, "xs2n0g01.png": .notPNG, "xs4n0g01.png": .notPNG, "xs7n0g01.png": .notPNG,
        "xcrn0g04.png": .notPNG, "xlfn0g04.png": .notPNG,
        "xc1n0g08.png": .corrupt("Invalid IHDR data"), "xc9n2c08.png": .corrupt("Invalid IHDR data"),
        "xd0n2c08.png": .corrupt("Invalid IHDR data"), "xd3n2c08.png": .corrupt("Invalid IHDR data"),
        "xd9n2c08.png": .corrupt("Invalid IHDR data"),
        "xcsn0g01.png": .corrupt("IDAT: CRC error"), "xhdn0g08.png": .corrupt("IHDR: CRC error"),
        "xdtn0g01.png": .corrupt("IEND: out of place"),
    ]

    @Test(arguments: corruptFiles)
    func corruptFileIsRefused(_ file: String) throws {
        let bytes = try TestData.bytes("pngsuite/png/\(file)")
        let expected = try #require(Self.corruptExpectations[file])
        #expect(throws: expected) { try PNG.decode(bytes) }
    }
}
