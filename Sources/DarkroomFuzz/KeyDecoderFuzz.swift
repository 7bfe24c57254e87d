import DarkroomTUI

/// The key decoder over any sequence of raw input: characters (as `get_wch` returns them) and curses key codes
/// with terminfo names, Escape prefixes, bracketed pastes and mouse reports among them included.
enum KeyDecoderFuzz {
    static let names = ["kLFT5", "kRIT3", "kUP2", "kDN", "kHOM5", "kEND3", "KEY_F(1)", "kDC5", "", "k"]

    static func run(_ bytes: [UInt8]) {
        var units: [KeyDecoder.RawInput] = []
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            if bytes[index] & 0x0F == 0x0F {
                let kinds: [MouseEvent.Kind] = [.press, .wheel(-1), .wheel(1), .other]
                units.append(.mouse(MouseEvent(kinds[Int(bytes[index] >> 4) % kinds.count], x: Int(bytes[index + 1]) - 8, y: Int(bytes[index + 2]) - 8)))
            } else if bytes[index] & 1 == 0 {
                // Characters up to U+FFFF and beyond (surrogates and values past U+10FFFF must be harmless too).
                units.append(.character(bytes[index] & 2 == 0 ? value : value << 8 | 0xFF))
            } else {
                units.append(.keyCode(Int32(value), name: names[Int(bytes[index] >> 4) % names.count]))
            }
            index += 3
        }
        let decoder = KeyDecoder()
        var position = 0
        while position < units.count {
            let unit = units[position]
            position += 1
            _ = decoder.decode(unit) { _ in
                guard position < units.count else { return nil }
                position += 1
                return units[position - 1]
            }
        }
    }
}
