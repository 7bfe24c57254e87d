/// Breaking a word wider than a line between its characters: text written without spaces (Japanese, Chinese), a
/// long key or URL. Shared by the terminal's wrapping (in columns) and the contact sheet's (in pixels).
public enum LineBreaking {
    /// Closing brackets, punctuation, iteration marks and small kana, which Japanese and Chinese typesetting never
    /// put at the start of a line (kinsoku shori; the common members of UAX #14's classes CL, CP, EX, IS and NS),
    /// and their ASCII counterparts.
    static let neverStartsALine: Set<Character> = Set(
        "、。，．・：；？！）］｝」』】〕〉》〙〗〟’”｠»ヽヾゝゞ々〻ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ" + "!),.:;?]}"
    )

    /// `word` as lines, each accepted by `fits` where one character alone is not too wide, the last one open for
    /// what follows. A character that never starts a line takes the one before it along to the next line.
    public static func pieces(of word: some StringProtocol, fits: (String) -> Bool) -> [String] {
        var lines: [String] = []
        var line = ""
        for character in word {
            let extended = line + String(character)
            if line.isEmpty || fits(extended) {
                line = extended
                continue
            }
            var carried = ""
            if neverStartsALine.contains(character), line.count > 1, let last = line.last, fits(String(last) + String(character)) {
                carried = String(line.removeLast())
            }
            lines.append(line)
            line = carried + String(character)
        }
        lines.append(line)
        return lines
    }
}
