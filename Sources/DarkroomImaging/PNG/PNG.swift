import CPNG

/// PNG decoding, encoding and text-chunk editing.
public enum PNG {
    /// Decodes PNG bytes (any colour type, bit depth and interlacing) to RGBA8; 16-bit channels are
    /// scaled to 8 bits with rounding (libpng's `png_set_scale_16`).
    public static func decode(_ bytes: [UInt8], limits: PNGLimits = .standard) throws(PNGError) -> RGBAImage {
        try PNGDecoder.with(bytes, limits: limits) { decoder throws(PNGError) in try decoder.readImage() }
    }

    /// Decodes the PNG file at `path`, refusing files over the byte budget before reading them.
    public static func decode(contentsOf path: String, limits: PNGLimits = .standard) throws(PNGError) -> RGBAImage {
        try decode(FileBytes.load(path, maxBytes: limits.maxBytes), limits: limits)
    }

    /// Encodes an RGBA8 image as a non-interlaced 8-bit RGBA PNG.
    public static func encode(_ image: RGBAImage) throws(PNGError) -> [UInt8] {
        try encode(pixels: image.pixels, width: image.width, height: image.height, channels: 4)
    }

    /// Encodes RGB8 rows (`width * height * 3` bytes) as a non-interlaced 8-bit RGB PNG.
    public static func encodeRGB(width: Int, height: Int, rgb: [UInt8]) throws(PNGError) -> [UInt8] {
        try encode(pixels: rgb, width: width, height: height, channels: 3)
    }

    private static func encode(pixels: [UInt8], width: Int, height: Int, channels: Int) throws(PNGError) -> [UInt8] {
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw .invalidImage("the size \(width)x\(height) is not a valid PNG size")
        }
        guard pixels.count == width * height * channels else {
            throw .invalidImage("\(pixels.count) bytes do not make a \(width)x\(height) image with \(channels) channels")
        }
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = pixels.withUnsafeBufferPointer { buffer in
            cpng_encode(buffer.baseAddress, UInt32(width), UInt32(height), Int32(channels), &output, &length, &message, message.count)
        }
        defer { cpng_free(output) }
        switch status {
        case CPNG_OK:
            guard let output else { throw .outOfMemory }
            return [UInt8](UnsafeBufferPointer(start: output, count: length))
        case CPNG_NO_MEMORY:
            throw .outOfMemory
        default:
            throw .invalidImage(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
    }
}
