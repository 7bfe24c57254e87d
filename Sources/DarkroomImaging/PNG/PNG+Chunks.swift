extension PNG {
    /// The image size from the IHDR chunk alone (the first 24 bytes suffice).
    public static func dimensions(of bytes: [UInt8]) throws(PNGError) -> (width: Int, height: Int) {
        guard bytes.count >= 8, bytes.prefix(8).elementsEqual(PNGChunkStream.signature) else { throw .notPNG }
        guard bytes.count >= 24 else { throw .truncated }
        guard PNGChunkStream.readUInt32(bytes, at: 8) == 13, String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR" else {
            throw .corrupt("the first chunk is not a 13-byte IHDR")
        }
        return (Int(PNGChunkStream.readUInt32(bytes, at: 16)), Int(PNGChunkStream.readUInt32(bytes, at: 20)))
    }

    /// The text chunks before the image data. Works on the head of a file (a ranged download):
    /// reading stops at the first IDAT or incomplete chunk. Chunks with a bad CRC or a malformed
    /// layout are skipped, since metadata is advisory. With `wholeFile`, bytes that end before any image
    /// data or IEND are a truncated file, not a head: the metadata looked for may be in the part that is missing.
    public static func textChunks(in bytes: [UInt8], wholeFile: Bool = false) throws(PNGError) -> [PNGTextChunk] {
        var texts: [PNGTextChunk] = []
        let chunks = try PNGChunkStream.chunks(in: bytes)
        for chunk in chunks {
            if chunk.type == "IDAT" { break }
            guard chunk.crcMatches, let kind = PNGTextChunk.Kind(rawValue: chunk.type) else { continue }
            if let text = try? PNGTextCoding.decode(chunk.data, kind: kind) { texts.append(text) }
        }
        if wholeFile, !chunks.contains(where: { $0.type == "IDAT" || $0.type == "IEND" }) { throw .truncated }
        return texts
    }

    /// The PNG bytes with `chunk` placed right after IHDR; nothing else is touched or re-encoded.
    public static func inserting(_ chunk: PNGTextChunk, into bytes: [UInt8]) throws(PNGError) -> [UInt8] {
        _ = try dimensions(of: bytes)
        let ihdrEnd = 8 + 12 + 13
        guard bytes.count >= ihdrEnd else { throw .truncated }
        let serialized = PNGChunkStream.serialize(type: chunk.kind.rawValue, data: try PNGTextCoding.encode(chunk))
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + serialized.count)
        result += bytes[..<ihdrEnd]
        result += serialized
        result += bytes[ihdrEnd...]
        return result
    }
}
