import DarkroomImaging

extension TerminalReplies {
    /// Parses whatever the terminal sent after the query batch. Pure and total: any bytes give a value,
    /// unknown or malformed sequences go to `other`, an unfinished one at the end sets `endsInsideSequence`.
    /// Both 7-bit string terminators (`ESC \`) and BEL end DCS, APC and OSC strings.
    public static func parse(_ bytes: [UInt8]) -> TerminalReplies {
        var replies = TerminalReplies()
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x1B else {
                replies.other.append(bytes[index])
                index += 1
                continue
            }
            guard index + 1 < bytes.count else {
                replies.endsInsideSequence = true
                replies.other.append(0x1B)
                break
            }
            let introducer = bytes[index + 1]
            switch introducer {
            case UInt8(ascii: "["):
                guard let end = controlSequenceEnd(bytes, from: index + 2) else {
                    replies.endsInsideSequence = true
                    replies.other += bytes[index...]
                    return replies
                }
                if !replies.readControlSequence(Array(bytes[(index + 2)..<end]), final: bytes[end]) {
                    replies.other += bytes[index...end]
                }
                index = end + 1
            case UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "]"):
                guard let (bodyEnd, next) = stringEnd(bytes, from: index + 2) else {
                    replies.endsInsideSequence = true
                    replies.other += bytes[index...]
                    return replies
                }
                let body = Array(bytes[(index + 2)..<bodyEnd])
                if introducer == UInt8(ascii: "P") {
                    replies.readDeviceControlString(body)
                } else if introducer == UInt8(ascii: "_") {
                    replies.readApplicationString(body)
                } else if let colour = Self.backgroundColour(body) {
                    replies.background = colour
                }
                index = next
            default:
                // A lone ESC (the Escape key) or Alt+key: not a reply.
                replies.other.append(0x1B)
                index += 1
            }
        }
        return replies
    }

    /// The index of a CSI's final byte (0x40-0x7E) after its parameter and intermediate bytes; nil when missing.
    private static func controlSequenceEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if (0x40...0x7E).contains(byte) { return index }
            if !(0x20...0x3F).contains(byte) { return index }  // malformed: end it here, it lands in `other`
            index += 1
        }
        return nil
    }

    /// Where a string body ends (exclusive) and where parsing resumes, for strings ended by `ESC \` or BEL.
    private static func stringEnd(_ bytes: [UInt8], from start: Int) -> (Int, Int)? {
        var index = start
        while index < bytes.count {
            if bytes[index] == 0x07 { return (index, index + 1) }
            if bytes[index] == 0x1B {
                guard index + 1 < bytes.count else { return nil }
                return (index, bytes[index + 1] == UInt8(ascii: "\\") ? index + 2 : index + 1)
            }
            index += 1
        }
        return nil
    }

    /// Reads the replies that are CSI sequences; false when it is none of them.
    private mutating func readControlSequence(_ parameters: [UInt8], final: UInt8) -> Bool {
        if final == UInt8(ascii: "c"), parameters.first == UInt8(ascii: "?") {
            guard let values = Self.numbers(parameters.dropFirst()) else { return false }
            deviceAttributes = values
            return true
        }
        if final == UInt8(ascii: "t"), let values = Self.numbers(parameters[...]), values.count == 3, values[0] == 6 {
            if values[1] > 0, values[2] > 0 { cellPixels = PixelSize(width: values[2], height: values[1]) }
            return true
        }
        return false
    }

    /// `> | name(version)`: XTVERSION.
    private mutating func readDeviceControlString(_ body: [UInt8]) {
        guard body.count >= 2, body[0] == UInt8(ascii: ">"), body[1] == UInt8(ascii: "|") else { return }
        terminalVersion = String(decoding: body.dropFirst(2).filter { $0 >= 0x20 && $0 < 0x7F }, as: UTF8.self)
    }

    /// `G i=31;OK` or `G i=31;EINVAL:…`: the kitty graphics answer to our query id.
    private mutating func readApplicationString(_ body: [UInt8]) {
        guard body.first == UInt8(ascii: "G") else { return }
        let text = String(decoding: body.dropFirst().filter { $0 >= 0x20 && $0 < 0x7F }, as: UTF8.self)
        let parts = text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return }
        let keys = parts[0].split(separator: ",")
        guard keys.contains(where: { $0 == "i=\(TerminalQuery.kittyQueryID)" }) else { return }
        kitty = parts[1] == "OK" ? .ok : .error(String(parts[1]))
    }

    /// `11;rgb:RRRR/GGGG/BBBB` (or `rgba:…/AAAA`, as rxvt answers): the default background colour, each component
    /// 1 to 4 hex digits scaled to 8 bits (xterm's `XParseColor` form). nil for any other OSC string.
    static func backgroundColour(_ body: [UInt8]) -> RGB? {
        let text = String(decoding: body, as: UTF8.self)
        let prefix: String
        if text.hasPrefix("11;rgb:") { prefix = "11;rgb:" } else if text.hasPrefix("11;rgba:") { prefix = "11;rgba:" } else { return nil }
        let parts = text.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == (prefix == "11;rgb:" ? 3 : 4) else { return nil }
        var channels: [UInt8] = []
        for part in parts.prefix(3) {
            guard (1...4).contains(part.count), let value = UInt32(part, radix: 16), part.allSatisfy(\.isHexDigit) else { return nil }
            let maximum = (UInt32(1) << (4 * UInt32(part.count))) - 1
            channels.append(UInt8((value * 255 + maximum / 2) / maximum))
        }
        return RGB(r: channels[0], g: channels[1], b: channels[2])
    }

    /// Semicolon-separated decimal numbers (empty fields read as 0); nil when anything else appears.
    /// Values are clamped so hostile input cannot overflow.
    private static func numbers(_ bytes: ArraySlice<UInt8>) -> [Int]? {
        var values: [Int] = []
        var current = 0
        for byte in bytes {
            if byte == UInt8(ascii: ";") {
                values.append(current)
                current = 0
            } else if (0x30...0x39).contains(byte) {
                current = min(current * 10 + Int(byte - 0x30), 1_000_000)
            } else {
                return nil
            }
        }
        values.append(current)
        return values
    }
}
