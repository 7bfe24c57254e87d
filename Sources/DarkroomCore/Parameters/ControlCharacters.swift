/// The characters that never belong in a prompt or in text shown on a terminal: C0 controls other than tab and
/// line feed, DEL, and the C1 controls (U+0080–U+009F). They move a terminal's cursor or start escape sequences
/// (ESC, and CSI as U+009B), and NUL ends a PNG text chunk's keyword. A CR LF pair is read as a line feed first.
/// Also the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): a terminal that lays
/// out right-to-left text would reorder what follows them, so shown text could read other than it is ("Trojan
/// Source"); no prompt needs them (the implicit marks U+200E and U+200F stay allowed).
public enum ControlCharacters {
    /// Whether `scalar` is one of the refused controls.
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `U+001B`: how a refused control is named in messages.
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension StringProtocol {
    /// The text with each CR LF pair read as a line feed.
    public func normalizingLineEndings() -> String {
        var scalars = String.UnicodeScalarView()
        var pendingCR = false
        for scalar in unicodeScalars {
            if pendingCR && scalar != "\n" { scalars.append("\r") }
            pendingCR = scalar == "\r"
            if !pendingCR { scalars.append(scalar) }
        }
        if pendingCR { scalars.append("\r") }
        return String(scalars)
    }

    /// The first refused control after CR LF is read as a line feed, with its position in characters (1-based).
    public func firstRefusedControl() -> (scalar: Unicode.Scalar, position: Int)? {
        var position = 0
        for character in normalizingLineEndings() {
            position += 1
            if let scalar = character.unicodeScalars.first(where: ControlCharacters.isRefused) { return (scalar, position) }
        }
        return nil
    }

    /// The text without refused controls (CR LF read as a line feed first): foreign text made safe to show.
    public func strippingControlCharacters() -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in normalizingLineEndings().unicodeScalars where !ControlCharacters.isRefused(scalar) {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// The text with each refused control written as `\u{1B}`: user input quoted in a message, visibly. With
    /// `includingLineBreaks`, tab and line feed too, for one-line-per-item output (a key holding a line feed must not
    /// look like two keys).
    public func escapingControlCharacters(includingLineBreaks: Bool = false) -> String {
        var text = ""
        for scalar in unicodeScalars {
            if ControlCharacters.isRefused(scalar) || (includingLineBreaks && (scalar == "\n" || scalar == "\t")) {
                text += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }
}
