extension StringProtocol {
    /// The text with its `%XX` escapes decoded as UTF-8 (a model id in an InvokeModel path, such as an ARN's `%3A`);
    /// nil when an escape is cut short or not hex, or the bytes are not UTF-8, as Foundation's
    /// `removingPercentEncoding` answers, which FoundationEssentials does not have.
    var removingPercentEscapes: String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var remaining = utf8.makeIterator()
        while let byte = remaining.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = remaining.next().flatMap(Self.hexDigit), let low = remaining.next().flatMap(Self.hexDigit) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
