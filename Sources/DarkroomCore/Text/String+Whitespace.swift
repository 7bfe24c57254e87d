extension StringProtocol {
    /// The text without whitespace at either end; the standard library's counterpart of Foundation's
    /// `trimmingCharacters(in: .whitespaces)`, so these modules need only FoundationEssentials.
    public func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
