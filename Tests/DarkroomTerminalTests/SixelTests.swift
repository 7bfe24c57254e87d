import DarkroomImaging
import DarkroomTestSupport
@testable import DarkroomTerminal
import Foundation
import Testing

/// Sixel streams decoded by libsixel's `sixel2png` and compared with the source.
@Suite struct SixelTests {
    static let sixel2png = (try? Subprocess.run(["sh", "-c", "command -v sixel2png"]).status) == 0

    private func decodeWithLibsixel(_ stream: [UInt8]) throws -> RGBAImage {
        let folder = try TemporaryDirectory("sixel")
        defer { folder.remove() }
        let input = folder.url.appendingPathComponent("in.six"), output = folder.url.appendingPathComponent("out.png")
        try Data(stream).write(to: input)
        let result = try Subprocess.run(["sixel2png", "-i", input.path, "-o", output.path])
        try #require(result.status == 0, "sixel2png failed: \(result.output)")
        return try PNG.decode(contentsOf: output.path)
    }

    /// Tolerance: mean OKLab error 0.03 (256 colours on a photo lose about 0.01-0.02; a wrong palette or a
    /// misplaced band costs 0.1 or more).
    @Test(.enabled(if: sixel2png, "sixel2png (libsixel-bin) is not installed"))
    func libsixelDecodesOurStreamToTheSource() throws {
        let photo = try PNG.decode(TestData.bytes("images/astronaut_1024_rgb.png"), fittingLongSide: 300)
        for dither in [false, true] {
            let stream = try SixelEncoder(reducer: ColorReducer(dither: dither)).encode(photo, placement: ImagePlacement(columns: 30, rows: 15))
            let decoded = try decodeWithLibsixel(stream)
            #expect(decoded.width == photo.width && decoded.height == photo.height)
            let error = ImageDifference.meanOKLab(decoded, photo)
            print("sixel dither=\(dither): \(stream.count) bytes, mean OKLab error \(error)")
            #expect(error < 0.03)
        }
        // Odd sizes: a last band shorter than six rows, one-pixel pictures.
        for (width, height) in [(7, 13), (1, 1), (5, 6)] {
            let picture = EncoderTests.testPicture(width: width, height: height)
            let decoded = try decodeWithLibsixel(try SixelEncoder().encode(picture, placement: ImagePlacement(columns: 1, rows: 1)))
            #expect(decoded.width == width && decoded.height == height)
            #expect(ImageDifference.meanOKLab(decoded, picture) < 0.03)
        }
    }

    @Test func paletteHasAtMost256ColoursAndRunsAreCompressed() throws {
        let flat = RGBAImage(width: 100, height: 12, filledWith: 255, 0, 0)
        let stream = String(decoding: try SixelEncoder().encode(flat, placement: ImagePlacement(columns: 10, rows: 1)), as: UTF8.self)
        #expect(stream == "\u{1B}P0;1;0q\"1;1;100;12#0;2;100;0;0#0!100~-#0!100~\u{1B}\\")
        let photo = try PNG.decode(TestData.bytes("images/coffee_1024_rgba.png"), fittingLongSide: 128)
        let (palette, _) = ColorReducer().reduce(photo)
        #expect(palette.colors.count <= 256 && palette.colors.count > 128)
    }

    /// The mapping (cached per 6-bit bin, searched sorted by green, split over two threads) gives every pixel
    /// an entry as near to its bin's centre as a search of the whole palette finds.
    @Test func mappingMatchesTheFullSearch() throws {
        let photo = try PNG.decode(TestData.bytes("images/coffee_1024_rgba.png"), fittingLongSide: 400)
        let (palette, indices) = ColorReducer().reduce(photo)
        let rgb = ColorReducer().opaqueRGB(photo)
        func distance(_ color: RGB, _ r: Int, _ g: Int, _ b: Int) -> Int {
            (Int(color.r) - r) * (Int(color.r) - r) + (Int(color.g) - g) * (Int(color.g) - g) + (Int(color.b) - b) * (Int(color.b) - b)
        }
        var wrong = 0
        // The full search once per bin: the photo's 160,000 pixels fall in far fewer bins, and the whole-palette
        // search per pixel made this one test hold a thread of the test runner's pool for 14 s in a debug build.
        var searched: [Int: RGB] = [:]
        for pixel in 0..<indices.count {
            let r = Int(rgb[pixel * 3]) & ~3 | 2, g = Int(rgb[pixel * 3 + 1]) & ~3 | 2, b = Int(rgb[pixel * 3 + 2]) & ~3 | 2
            let bin = r << 16 | g << 8 | b
            let best = searched[bin] ?? palette.colors[palette.nearest(r, g, b)]
            searched[bin] = best
            if distance(palette.colors[Int(indices[pixel])], r, g, b) != distance(best, r, g, b) { wrong += 1 }
        }
        #expect(wrong == 0)
    }

    /// The fast paths write the same bytes as mapping the whole image and encoding its indices: bands mapped
    /// on the thread that writes them (`SixelEncoder.encode`), and a PNG decoded straight into a stream with the
    /// histogram counted row by row (`PipelinedSixel`, opaque RGB and RGBA with transparency), with the renderer's
    /// read-ahead thread or with a runner that refuses one (the rows are then read on this thread).
    @Test func fastPathsWriteTheSameBytesAsMappingFirst() throws {
        for (name, size) in [("images/astronaut_1024_rgb.png", (301, 299)), ("images/coffee_1024_rgba.png", (200, 203))] {
            let png = try TestData.bytes(name)
            let decoded = try PNG.decode(png, width: size.0, height: size.1)
            let (palette, indices) = ColorReducer().reduce(decoded)
            let expected = SixelEncoder.encode(width: decoded.width, height: decoded.height, palette: palette, indices: indices)
            #expect(try SixelEncoder().encode(decoded, placement: ImagePlacement(columns: 30, rows: 15)) == expected, "\(name) bands")
            let runners: [(PNG.BackgroundRunner, String)] = [(GraphicsRenderer.background, "a thread"), ({ _ in false }, "no thread")]
            for (runner, label) in runners {
                let pipelined = try PipelinedSixel.encode(png, width: size.0, height: size.1, reducer: ColorReducer(), readAhead: runner)
                #expect(pipelined == expected, "\(name) pipelined, \(label)")
            }
        }
        var pixels: [UInt8] = []
        for pixel in 0..<(20 * 9) { pixels += [UInt8(pixel % 256), 40, 200, UInt8(pixel * 7 % 256)] }
        let transparent = RGBAImage(width: 20, height: 9, pixels: pixels)
        let (palette, indices) = ColorReducer().reduce(transparent)
        let png = try PNG.encode(transparent)
        #expect(try PipelinedSixel.encode(png, width: 20, height: 9, reducer: ColorReducer(), readAhead: nil)
                == SixelEncoder.encode(width: 20, height: 9, palette: palette, indices: indices))
    }

    /// A sixel's registers hold no transparency: transparent pixels take the terminal's background (white on a
    /// light xterm), so a logo is not drawn in a black box; half-transparent ones are blended with it.
    @Test func transparencyTakesTheTerminalsBackground() throws {
        let white = RGB(r: 255, g: 255, b: 255)
        let reducer = ColorReducer(background: white)
        let clear = RGBAImage(width: 2, height: 1, pixels: [0, 0, 0, 0, 255, 0, 0, 128])
        #expect(reducer.opaqueRGB(clear) == [255, 255, 255, 255, 127, 127])
        #expect(ColorReducer().opaqueRGB(clear) == [0, 0, 0, 128, 0, 0])
        var pixels: [UInt8] = []
        for pixel in 0..<(20 * 9) { pixels += [UInt8(pixel % 256), 40, 200, UInt8(pixel * 7 % 256)] }
        let transparent = RGBAImage(width: 20, height: 9, pixels: pixels)
        let (palette, indices) = reducer.reduce(transparent)
        #expect(try PipelinedSixel.encode(try PNG.encode(transparent), width: 20, height: 9, reducer: reducer, readAhead: nil)
                == SixelEncoder.encode(width: 20, height: 9, palette: palette, indices: indices))
    }

    /// The measurement behind `PaletteMethod.wu` being the default: lower mean OKLab error than median cut.
    @Test func wuBeatsMedianCut() throws {
        for name in ["images/astronaut_1024_rgb.png", "images/coffee_1024_rgba.png"] {
            let photo = try PNG.decode(TestData.bytes(name), fittingLongSide: 256)
            var errors: [PaletteMethod: Double] = [:]
            for method in PaletteMethod.allCases {
                let (palette, indices) = ColorReducer(method: method).reduce(photo)
                var pixels = [UInt8](repeating: 255, count: indices.count * 4)
                for (pixel, index) in indices.enumerated() {
                    let color = palette.colors[Int(index)]
                    pixels[pixel * 4] = color.r
                    pixels[pixel * 4 + 1] = color.g
                    pixels[pixel * 4 + 2] = color.b
                }
                errors[method] = ImageDifference.meanOKLab(RGBAImage(width: photo.width, height: photo.height, pixels: pixels), photo)
            }
            print("\(name): mean OKLab error wu \(errors[.wu] ?? -1), median cut \(errors[.medianCut] ?? -1)")
            #expect((errors[.wu] ?? 1) <= (errors[.medianCut] ?? 0))
        }
    }
}
