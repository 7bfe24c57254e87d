import DarkroomTestSupport
import Testing

@testable import DarkroomImaging

struct PNGEncodeTests {
    static func gradient(width: Int, height: Int) -> RGBAImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                pixels += [UInt8(x * 255 / max(1, width - 1)), UInt8(y * 255 / max(1, height - 1)), UInt8((x + y) % 256), UInt8((x * 7 + y) % 256)]
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    @Test(arguments: [(1, 1), (3, 2), (64, 17), (257, 5)])
    func rgbaRoundTripsExactly(width: Int, height: Int) throws {
        let image = Self.gradient(width: width, height: height)
        let encoded = try PNG.encode(image)
        #expect(try PNG.decode(encoded) == image)
        #expect(try PNG.dimensions(of: encoded) == (width, height))
    }

    @Test func rgbRoundTripsWithOpaqueAlpha() throws {
        let rgb: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]
        let decoded = try PNG.decode(PNG.encodeRGB(width: 2, height: 2, rgb: rgb))
        #expect(decoded.pixels == [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 255])
    }

    @Test func reencodedSuiteImageKeepsItsPixels() throws {
        let original = try PNG.decode(contentsOf: TestData.url("pngsuite/png/basi3p08.png").path)
        #expect(try PNG.decode(PNG.encode(original)) == original)
    }

    @Test func opaqueImagesAreWrittenAsRGBAndOthersAsRGBA() throws {
        // IHDR's colour type is byte 25 of the file: 2 is RGB, 6 is RGBA.
        let translucent = Self.gradient(width: 16, height: 9)
        var opaque = translucent
        for alpha in stride(from: 3, to: opaque.pixels.count, by: 4) { opaque.pixels[alpha] = 255 }
        let opaqueFile = try PNG.encode(opaque)
        let translucentFile = try PNG.encode(translucent)
        #expect(opaqueFile[25] == 2)
        #expect(translucentFile[25] == 6)
        #expect(try PNG.decode(opaqueFile) == opaque)
        #expect(try PNG.decode(translucentFile) == translucent)
    }

    /// Row by row gives the same file as the whole image at once; a missing row is refused at the end.
    @Test func rowEncoderWritesTheSameFileAsEncode() throws {
        let image = Self.gradient(width: 64, height: 17)
        let encoder = try PNGRowEncoder(width: 64, height: 17, channels: 4)
        for y in 0..<17 { try image.pixels.withUnsafeBufferPointer { try encoder.write(row: UnsafeBufferPointer(rebasing: $0[(y * 256)..<((y + 1) * 256)])) } }
        #expect(try encoder.finish() == PNG.encode(image))
        let short = try PNGRowEncoder(width: 4, height: 2, channels: 3)
        try [UInt8](repeating: 9, count: 12).withUnsafeBufferPointer { try short.write(row: $0) }
        #expect(throws: PNGError.self) { try short.finish() }
        #expect(throws: PNGError.self) { try PNGRowEncoder(width: 0, height: 2, channels: 3) }
    }

    @Test func mismatchedPixelCountIsRefused() {
        #expect(throws: PNGError.self) { try PNG.encodeRGB(width: 2, height: 2, rgb: [1, 2, 3]) }
        #expect(throws: PNGError.self) { try PNG.encodeRGB(width: 0, height: 0, rgb: []) }
    }

    @Test func dimensionsNeedOnlyTheHead() throws {
        let bytes = try TestData.bytes("images/astronaut_1024_rgb.png")
        #expect(try PNG.dimensions(of: Array(bytes.prefix(24))) == (1024, 1024))
        #expect(throws: PNGError.truncated) { try PNG.dimensions(of: Array(bytes.prefix(20))) }
        #expect(throws: PNGError.notPNG) { try PNG.dimensions(of: Array("GIF89a".utf8)) }
    }
}
