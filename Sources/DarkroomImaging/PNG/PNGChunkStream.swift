import CPNG

/// Walks and writes the chunk layer of PNG bytes (length, type, data, CRC) without decoding pixels.
enum PNGChunkStream {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// One complete chunk found in the bytes.
    struct Chunk {
        let type: String
        let data: ArraySlice<UInt8>
        let crcMatches: Bool
        /// Index just past the chunk's CRC.
        let end: Int
    }

    /// The complete chunks from the start of the bytes, stopping at the first incomplete one, so a
    /// ranged download of a file's head can be read.
    static func chunks(in bytes: [UInt8]) throws(PNGError) -> [Chunk] {
        guard bytes.count >= 8, bytes.prefix(8).elementsEqual(signature) else { throw .notPNG }
        var chunks: [Chunk] = []
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = Int(readUInt32(bytes, at: offset))
            guard length <= Int(Int32.max), offset + 12 + length <= bytes.count else { break }
            let typeBytes = bytes[(offset + 4)..<(offset + 8)]
            let data = bytes[(offset + 8)..<(offset + 8 + length)]
            let storedCRC = readUInt32(bytes, at: offset + 8 + length)
            let type = String(decoding: typeBytes, as: UTF8.self)
            chunks.append(Chunk(type: type, data: data, crcMatches: crc(typeBytes, data) == storedCRC, end: offset + 12 + length))
            offset += 12 + length
            if type == "IEND" { break }
        }
        return chunks
    }

    /// A serialized chunk: length, type, data and CRC over type and data.
    static func serialize(type: String, data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        var chunk: [UInt8] = []
        chunk.reserveCapacity(data.count + 12)
        appendUInt32(UInt32(data.count), to: &chunk)
        chunk += typeBytes
        chunk += data
        appendUInt32(crc(typeBytes[...], data[...]), to: &chunk)
        return chunk
    }

    static func crc(_ type: ArraySlice<UInt8>, _ data: ArraySlice<UInt8>) -> UInt32 {
        let partial = type.withUnsafeBufferPointer { cpng_crc32(0, $0.baseAddress, $0.count) }
        return data.withUnsafeBufferPointer { cpng_crc32(partial, $0.baseAddress, $0.count) }
    }

    static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
                  UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }
}
