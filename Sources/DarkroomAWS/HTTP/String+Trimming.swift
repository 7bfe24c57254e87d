extension StringProtocol {
    /// Trims characters at both ends (`"\r\n"` is one Character in Swift, so list it on its own). The standard
    /// library's counterpart of Foundation's `trimmingCharacters(in:)`, so this module needs only FoundationEssentials.
    func trimming(_ characters: Set<Character>) -> String {
        String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}
