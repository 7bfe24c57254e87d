/// An image with 8-bit red, green, blue and alpha per pixel, rows top to bottom.
public struct RGBAImage: Sendable, Equatable {
    /// Pixels per row.
    public var width: Int
    /// Number of rows.
    public var height: Int
    /// `width * height * 4` bytes: R, G, B, A for each pixel, row-major.
    public var pixels: [UInt8]

    /// Wraps pixels already laid out as RGBA8 rows; `pixels.count` must be `width * height * 4`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * 4, "RGBA pixel count does not match the size")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image filled with one colour.
    public init(width: Int, height: Int, filledWith red: UInt8, _ green: UInt8, _ blue: UInt8, _ alpha: UInt8 = 255) {
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for offset in stride(from: 0, to: pixels.count, by: 4) {
            pixels[offset] = red
            pixels[offset + 1] = green
            pixels[offset + 2] = blue
            pixels[offset + 3] = alpha
        }
        self.init(width: width, height: height, pixels: pixels)
    }

    /// Whether every pixel has full alpha.
    public var isOpaque: Bool {
        pixels.withUnsafeBufferPointer { pixels in
            var all: UInt8 = 255
            for offset in stride(from: 3, to: pixels.count, by: 4) { all &= pixels[offset] }
            return all == 255
        }
    }
}
