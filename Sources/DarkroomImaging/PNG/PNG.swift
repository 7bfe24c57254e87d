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

    /// Decodes PNG bytes scaled down by area averaging so the long side is at most `longSide` (never
    /// enlarged). Rows stream from libpng into the downscaler, so the full-size image is never held
    /// (interlaced files excepted, which are decoded whole first).
    public static func decode(_ bytes: [UInt8], fittingLongSide longSide: Int, limits: PNGLimits = .standard) throws(PNGError) -> RGBAImage {
        precondition(longSide > 0, "the long side must be positive")
        return try PNGDecoder.with(bytes, limits: limits, allowRGB: true) { decoder throws(PNGError) in
            let scale = min(1, Double(longSide) / Double(max(decoder.width, decoder.height)))
            var accumulator = BoxAccumulator(
                sourceWidth: decoder.width, sourceHeight: decoder.height,
                width: max(1, Int((Double(decoder.width) * scale).rounded())),
                height: max(1, Int((Double(decoder.height) * scale).rounded())),
                bytesPerPixel: decoder.channels)
            try decoder.read(into: &accumulator)
            return accumulator.averagedImage()
        }
    }

    /// Encodes an RGBA8 image as a non-interlaced 8-bit PNG: RGB when every pixel is opaque, else RGBA.
    public static func encode(_ image: RGBAImage) throws(PNGError) -> [UInt8] {
        guard image.isOpaque else { return try encode(pixels: image.pixels, width: image.width, height: image.height, channels: 4) }
        var rgb = [UInt8]()
        rgb.reserveCapacity(image.width * image.height * 3)
        for start in stride(from: 0, to: image.pixels.count, by: 4) {
            rgb.append(contentsOf: image.pixels[start..<(start + 3)])
        }
        return try encode(pixels: rgb, width: image.width, height: image.height, channels: 3)
    }

    /// Encodes RGB8 rows (`width * height * 3` bytes) as a non-interlaced 8-bit RGB PNG.
    public static func encodeRGB(width: Int, height: Int, rgb: [UInt8]) throws(PNGError) -> [UInt8] {
        try encode(pixels: rgb, width: width, height: height, channels: 3)
    }

    private static func encode(pixels: [UInt8], width: Int, height: Int, channels: Int) throws(PNGError) -> [UInt8] {
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw .invalidImage("the size \(width)x\(height) is not a valid PNG size")
        }
        let (area, areaOverflowed) = width.multipliedReportingOverflow(by: height)
        let (expected, overflowed) = area.multipliedReportingOverflow(by: channels)
        guard !areaOverflowed, !overflowed, pixels.count == expected else {
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
