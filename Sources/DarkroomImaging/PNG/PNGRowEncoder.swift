import CPNG

/// A PNG written one row at a time (the same settings as `PNG.encode`): rows can be compressed while later
/// ones are still being produced, e.g. by `PNG.decodeRows` on another thread. Use from one thread at a time.
public final class PNGRowEncoder {
    private let handle: OpaquePointer
    public let width: Int
    public let height: Int
    /// 3 (RGB) or 4 (RGBA) bytes per pixel.
    public let channels: Int

    public init(width: Int, height: Int, channels: Int) throws(PNGError) {
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max), channels == 3 || channels == 4 else {
            throw .invalidImage("the size \(width)x\(height) with \(channels) channels is not a valid PNG image")
        }
        var created: OpaquePointer?
        var message = [CChar](repeating: 0, count: 256)
        let status = cpng_encoder_create(UInt32(width), UInt32(height), Int32(channels), &created, &message, message.count)
        guard status == CPNG_OK, let created else {
            throw status == CPNG_NO_MEMORY ? .outOfMemory
                : .invalidImage(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        handle = created
        self.width = width
        self.height = height
        self.channels = channels
    }

    deinit {
        cpng_encoder_destroy(handle)
    }

    /// Writes the next row: `width * channels` bytes.
    public func write(row: UnsafeBufferPointer<UInt8>) throws(PNGError) {
        precondition(row.count >= width * channels, "a row holds width * channels bytes")
        guard let base = row.baseAddress else { return }
        try check(cpng_encoder_write_row(handle, base))
    }

    /// After exactly `height` rows: the PNG file's bytes.
    public func finish() throws(PNGError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        try check(cpng_encoder_finish(handle, &output, &length))
        defer { cpng_free(output) }
        guard let output else { throw .outOfMemory }
        return [UInt8](UnsafeBufferPointer(start: output, count: length))
    }

    private func check(_ status: cpng_status) throws(PNGError) {
        switch status {
        case CPNG_OK: return
        case CPNG_NO_MEMORY: throw .outOfMemory
        case CPNG_INVALID_ARGUMENT: throw .invalidImage("the rows written do not match the image's height")
        default: throw .invalidImage(String(cString: cpng_encoder_message(handle)))
        }
    }
}
