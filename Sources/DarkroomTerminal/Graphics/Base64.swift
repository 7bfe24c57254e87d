/// Standard base64 (RFC 4648, with padding), which every graphics protocol wraps its payload in.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        let count = (bytes.count + 2) / 3 * 4
        // Written through buffers: an image payload is hundreds of kilobytes, and per-byte appends cost more than the encoding.
        return [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
            bytes.withUnsafeBufferPointer { bytes in
                alphabet.withUnsafeBufferPointer { alphabet in
                    var index = 0, out = 0
                    while index + 3 <= bytes.count {
                        let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
                        output[out] = alphabet[Int(value >> 18 & 63)]
                        output[out + 1] = alphabet[Int(value >> 12 & 63)]
                        output[out + 2] = alphabet[Int(value >> 6 & 63)]
                        output[out + 3] = alphabet[Int(value & 63)]
                        index += 3
                        out += 4
                    }
                    let left = bytes.count - index
                    if left > 0 {
                        let value = UInt32(bytes[index]) << 16 | (left == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
                        output[out] = alphabet[Int(value >> 18 & 63)]
                        output[out + 1] = alphabet[Int(value >> 12 & 63)]
                        output[out + 2] = left == 2 ? alphabet[Int(value >> 6 & 63)] : UInt8(ascii: "=")
                        output[out + 3] = UInt8(ascii: "=")
                    }
                }
            }
            initialized = count
        }
    }
}
