import CPNG

/// PNG decoding, encoding and text-chunk editing.
public enum PNG {
    /// The libpng version the shim was compiled against (`darkroom doctor` shows it).
    public static var libraryVersion: String { String(cString: cpng_libpng_version()) }

    /// Decodes PNG bytes (any colour type, bit depth and interlacing) to RGBA8; 16-bit channels are
    /// scaled to 8 bits with rounding (libpng's `png_set_scale_16`).
    public static func decode(_ bytes: [UInt8], limits: PNGLimits = .standard) throws(PNGError) -> RGBAImage {
        try PNGDecoder.with(bytes, limits: limits) { decoder throws(PNGError) in try decoder.readImage() }
    }

    /// Decodes the PNG file at `path`, refusing files over the byte budget before reading them.
    public static func decode(contentsOf path: String, limits: PNGLimits = .standard) throws(PNGError) -> RGBAImage {
        try decode(FileBytes.load(path, maxBytes: limits.maxBytes), limits: limits)
    }

    /// The bytes of the PNG file at `path`, refusing files over the byte budget before reading them.
    public static func readFile(_ path: String, limits: PNGLimits = .standard) throws(PNGError) -> [UInt8] {
        try FileBytes.load(path, maxBytes: limits.maxBytes)
    }

    /// Decodes PNG bytes scaled down by area averaging so the long side is at most `longSide` (never
    /// enlarged). Rows stream from libpng into the downscaler, so the full-size image is never held
    /// (interlaced files excepted, which are decoded whole first).
    public static func decode(_ bytes: [UInt8], fittingLongSide longSide: Int, limits: PNGLimits = .standard) throws(PNGError) -> RGBAImage {
        precondition(longSide > 0, "the long side must be positive")
        let (width, height) = try dimensions(of: bytes)
        let scale = min(1, Double(longSide) / Double(max(1, width, height)))
        return try decode(bytes, width: max(1, Int((Double(width) * scale).rounded())),
                          height: max(1, Int((Double(height) * scale).rounded())), limits: limits)
    }

    /// Decodes PNG bytes straight to `width` x `height` by area averaging, streaming rows from libpng
    /// into the downscaler as `decode(_:fittingLongSide:)` does (for a caller that has chosen the exact size).
    /// With `readAhead`, rows are inflated on the thread it supplies while this one averages them.
    public static func decode(_ bytes: [UInt8], width: Int, height: Int, limits: PNGLimits = .standard,
                              readAhead: BackgroundRunner? = nil) throws(PNGError) -> RGBAImage {
        precondition(width > 0 && height > 0, "the size must be positive")
        return try PNGDecoder.with(bytes, limits: limits, allowRGB: true) { decoder throws(PNGError) in
            var accumulator = BoxAccumulator(sourceWidth: decoder.width, sourceHeight: decoder.height, width: width, height: height,
                                             bytesPerPixel: decoder.channels)
            try decoder.read(into: &accumulator, readAhead: readAhead)
            return accumulator.averagedImage()
        }
    }

    /// Decodes PNG bytes straight to `width` x `height` like `decode(_:width:height:)`, handing each output row
    /// to `row` as soon as the source rows it averages are read (top to bottom, `width * channels` bytes): RGB
    /// (channels 3) for an opaque non-interlaced file without alpha, else RGBA. Lets a caller compress early
    /// rows while later ones decode.
    public static func decodeRows(_ bytes: [UInt8], width: Int, height: Int, limits: PNGLimits = .standard,
                                  readAhead: BackgroundRunner? = nil, _ row: (_ y: Int, _ pixels: UnsafeBufferPointer<UInt8>, _ channels: Int) -> Void) throws(PNGError) {
        precondition(width > 0 && height > 0, "the size must be positive")
        try PNGDecoder.with(bytes, limits: limits, allowRGB: true) { decoder throws(PNGError) in
            var accumulator = BoxAccumulator(sourceWidth: decoder.width, sourceHeight: decoder.height, width: width, height: height,
                                             bytesPerPixel: decoder.channels, streaming: !decoder.isInterlaced)
            let channels = decoder.channels
            var output = [UInt8](repeating: 0, count: width * channels)
            try output.withUnsafeMutableBufferPointer { output throws(PNGError) in
                guard let target = output.baseAddress else { return }
                try decoder.read(into: &accumulator, readAhead: readAhead) { accumulator, completed in
                    for y in completed {
                        accumulator.averagedRow(y, into: target, channels: channels)
                        row(y, UnsafeBufferPointer(output), channels)
                    }
                }
            }
        }
    }

    /// Encodes an RGBA8 image as a non-interlaced 8-bit PNG: RGB when every pixel is opaque, else RGBA.
    public static func encode(_ image: RGBAImage) throws(PNGError) -> [UInt8] {
        guard image.isOpaque else { return try encode(pixels: image.pixels, width: image.width, height: image.height, channels: 4) }
        let count = image.width * image.height
        let rgb = [UInt8](unsafeUninitializedCapacity: count * 3) { target, initialized in
            image.pixels.withUnsafeBufferPointer { source in
                for pixel in 0..<count {
                    target[pixel * 3] = source[pixel * 4]
                    target[pixel * 3 + 1] = source[pixel * 4 + 1]
                    target[pixel * 3 + 2] = source[pixel * 4 + 2]
                }
            }
            initialized = count * 3
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
