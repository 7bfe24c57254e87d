/// Text from a bracketed paste, made fit for the field it goes into.
enum PastedText {
    /// Line ends become "\n" (or spaces where the field is one line), a tab a space, and every other control
    /// character (escape sequences' ESC included, C1, DEL) is dropped: a prompt may not hold one, and the
    /// terminal must never be sent one back.
    static func cleaned(_ text: String, multiline: Bool) -> String {
        var result = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\n" where previousWasCarriageReturn:
                continue
            case "\r", "\n":
                result.append(multiline ? "\n" : " ")
            case "\t":
                result.append(" ")
            case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}":
                continue
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }
}
