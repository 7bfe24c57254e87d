/// The data layout of tEXt, zTXt and iTXt chunks (PNG specification, section 11.3.4).
enum PNGTextCoding {
    static func decode(_ data: ArraySlice<UInt8>, kind: PNGTextChunk.Kind) throws(PNGError) -> PNGTextChunk {
        guard let keywordEnd = data.firstIndex(of: 0), keywordEnd > data.startIndex else {
            throw .corrupt("a text chunk has no keyword")
        }
        let keyword = latin1(data[data.startIndex..<keywordEnd])
        let rest = data[(keywordEnd + 1)...]
        switch kind {
        case .tEXt:
            return PNGTextChunk(keyword: keyword, text: latin1(rest), kind: .tEXt)
        case .zTXt:
            guard rest.first == 0 else { throw .corrupt("a zTXt chunk uses an unknown compression method") }
            return PNGTextChunk(keyword: keyword, text: latin1(try Zlib.inflate(rest.dropFirst())[...]), kind: .zTXt)
        case .iTXt:
            guard rest.count >= 2 else { throw .corrupt("an iTXt chunk is too short") }
            let compressed = rest[rest.startIndex] == 1
            var remainder = rest.dropFirst(2)
            // Skip the language tag and the translated keyword, each NUL-terminated.
            for _ in 0..<2 {
                guard let end = remainder.firstIndex(of: 0) else { throw .corrupt("an iTXt chunk is too short") }
                remainder = remainder[(end + 1)...]
            }
            let textBytes = compressed ? try Zlib.inflate(remainder)[...] : remainder
            return PNGTextChunk(keyword: keyword, text: String(decoding: textBytes, as: UTF8.self), kind: .iTXt)
        }
    }

    static func encode(_ chunk: PNGTextChunk) throws(PNGError) -> [UInt8] {
        var data = try keywordBytes(chunk.keyword)
        data.append(0)
        switch chunk.kind {
        case .tEXt:
            data += try latin1Bytes(chunk.text)
        case .zTXt:
            data.append(0)
            data += try Zlib.deflate(latin1Bytes(chunk.text))
        case .iTXt:
            // Uncompressed, no language tag, no translated keyword.
            data += [0, 0, 0, 0]
            data += Array(chunk.text.utf8)
        }
        return data
    }

    /// Keywords are 1–79 printable Latin-1 characters without leading or trailing spaces.
    private static func keywordBytes(_ keyword: String) throws(PNGError) -> [UInt8] {
        let scalars = keyword.unicodeScalars
        guard (1...79).contains(scalars.count),
              scalars.allSatisfy({ (32...126).contains($0.value) || (161...255).contains($0.value) }),
              scalars.first != " ", scalars.last != " "
        else {
            throw .invalidText("the keyword \"\(keyword)\" must be 1–79 printable Latin-1 characters without leading or trailing spaces")
        }
        return scalars.map { UInt8($0.value) }
    }

    private static func latin1Bytes(_ text: String) throws(PNGError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            guard scalar.value <= 255 else {
                throw .invalidText("tEXt and zTXt hold only Latin-1 text; store \"\(scalar)\" in an iTXt chunk")
            }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }

    private static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return String(scalars)
    }
}
