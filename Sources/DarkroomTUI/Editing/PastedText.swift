import DarkroomCore

/// Text from a bracketed paste, made fit for the field it goes into.
enum PastedText {
    /// Line ends become "\n" (or spaces where the field is one line) and a tab a space; every other control
    /// character is dropped by the one rule prompts and shown text follow (`ControlCharacters`): a prompt may not
    /// hold one, and the terminal must never be sent one back. Terminals paste line ends as CR, so a lone CR is one.
    static func cleaned(_ text: String, multiline: Bool) -> String {
        text.normalizingLineEndings()
            .replacing("\r", with: "\n")
            .strippingControlCharacters()
            .replacing("\t", with: " ")
            .replacing("\n", with: multiline ? "\n" : " ")
    }
}
