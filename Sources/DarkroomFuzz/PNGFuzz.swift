import DarkroomImaging

/// PNG decoding (whole and scaled), dimensions and text chunks. Limits keep one input's memory small.
enum PNGFuzz {
    static let limits = PNGLimits(maxPixels: 4_000_000, maxBytes: 64 << 20)

    static func run(_ bytes: [UInt8]) {
        let dimensions = try? PNG.dimensions(of: bytes)
        if let image = try? PNG.decode(bytes, limits: limits) {
            FuzzCheck.require(image.pixels.count == image.width * image.height * 4, "pixel buffer size")
            FuzzCheck.require(dimensions.map { $0 == (image.width, image.height) } ?? false, "IHDR and decoded size agree")
            // What decodes re-encodes, and decodes back to the same pixels.
            if image.width * image.height <= 65_536, let encoded = try? PNG.encode(image) {
                FuzzCheck.require((try? PNG.decode(encoded)) == image, "encode/decode round trip")
            }
        }
        if let scaled = try? PNG.decode(bytes, fittingLongSide: 32, limits: limits) {
            FuzzCheck.require(max(scaled.width, scaled.height) <= 32 || dimensions.map { max($0.width, $0.height) <= 32 } == true,
                              "scaled decode fits its box")
            FuzzCheck.require(scaled.pixels.count == scaled.width * scaled.height * 4, "scaled pixel buffer size")
        }
        if let chunks = try? PNG.textChunks(in: bytes), let first = chunks.first {
            // A chunk read back can be written again, and reads back the same.
            if let inserted = try? PNG.inserting(first, into: bytes) {
                FuzzCheck.require((try? PNG.textChunks(in: inserted))?.first == first, "text chunk round trip")
            }
        }
    }
}
