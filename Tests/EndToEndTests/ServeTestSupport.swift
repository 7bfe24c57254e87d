import Foundation

/// The chunks of a PNG file, read just far enough to compare pixels and read text metadata.
struct PNGChunks {
    private(set) var chunks: [(type: String, data: [UInt8])] = []

    init(_ bytes: [UInt8]) {
        var offset = 8  // the signature
        while offset + 12 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { break }
            chunks.append((type, Array(bytes[offset + 8..<offset + 8 + length])))
            offset += 12 + length
        }
    }

    /// The concatenated IDAT data: equal data means equal pixels.
    var imageData: [UInt8] {
        chunks.filter { $0.type == "IDAT" }.flatMap(\.data)
    }

    /// The text of an uncompressed tEXt or iTXt chunk called `keyword`.
    func text(keyword: String) -> String? {
        for chunk in chunks where chunk.type == "tEXt" || chunk.type == "iTXt" {
            guard let separator = chunk.data.firstIndex(of: 0),
                  String(decoding: chunk.data[..<separator], as: UTF8.self) == keyword else { continue }
            var rest = chunk.data[(separator + 1)...]
            if chunk.type == "iTXt" {
                // compression flag, method, then language tag and translated keyword, each NUL-terminated.
                guard rest.count >= 2, rest[rest.startIndex] == 0 else { return nil }
                rest = rest.dropFirst(2)
                for _ in 0..<2 {
                    guard let end = rest.firstIndex(of: 0) else { return nil }
                    rest = rest[(end + 1)...]
                }
            }
            return String(decoding: rest, as: UTF8.self)
        }
        return nil
    }
}
