import CPNG

/// zlib streams for compressed text chunks, through the CPNG shim.
enum Zlib {
    /// The most a compressed text chunk may inflate to; a larger one is treated as hostile.
    static let maxInflatedBytes = 16 << 20

    static func inflate(_ bytes: ArraySlice<UInt8>) throws(PNGError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = bytes.withUnsafeBufferPointer { buffer in
            cpng_inflate(buffer.baseAddress, buffer.count, maxInflatedBytes, &output, &length)
        }
        defer { cpng_free(output) }
        guard status == CPNG_OK, let output else {
            throw status == CPNG_NO_MEMORY ? .outOfMemory : .corrupt("a compressed text chunk does not inflate")
        }
        return [UInt8](UnsafeBufferPointer(start: output, count: length))
    }

    static func deflate(_ bytes: [UInt8]) throws(PNGError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = bytes.withUnsafeBufferPointer { buffer in
            cpng_deflate(buffer.baseAddress, buffer.count, &output, &length)
        }
        defer { cpng_free(output) }
        guard status == CPNG_OK, let output else { throw .outOfMemory }
        return [UInt8](UnsafeBufferPointer(start: output, count: length))
    }
}
