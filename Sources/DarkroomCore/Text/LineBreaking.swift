/// Breaking text into lines by a measure the caller gives (`fits`): the terminal's wrapping measures columns, the
/// contact sheet's measures pixels, and both break the same way.
public enum LineBreaking {
    /// `text` as lines accepted by `fits`, broken between words where possible and inside a word wider than a line;
    /// newlines in the text are kept. The views' separator ` · ` stays with the word before it, so a line may end
    /// with `·` but never starts with one.
    public static func lines(_ text: String, fits: (String) -> Bool) -> [String] {
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in words(paragraph) {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if fits(candidate) {
                    line = candidate
                    continue
                }
                if !line.isEmpty { result.append(line) }
                var pieces = pieces(of: word, fits: fits)
                line = pieces.removeLast()
                result += pieces
            }
            result.append(line)
        }
        return result
    }

    /// Facts set apart by ` · `, broken between facts where each fits on a line ("SDXL 1.0 · 1024x1024 ·", then
    /// "seed 42 · 30 steps"), and by words inside a fact wider than a line.
    public static func lines(facts: [String], fits: (String) -> Bool) -> [String] {
        var result: [String] = []
        var line = ""
        for (index, fact) in facts.enumerated() {
            let text = index == facts.count - 1 ? fact : fact + " ·"
            let joined = line.isEmpty ? text : line + " " + text
            if fits(joined) {
                line = joined
                continue
            }
            if !line.isEmpty { result.append(line) }
            // A fact wider than a line goes by words; its last piece stays open for the next fact.
            var pieces = lines(text, fits: fits)
            line = pieces.removeLast()
            result += pieces
        }
        if !line.isEmpty { result.append(line) }
        return result
    }

    /// Closing brackets, punctuation, iteration marks and small kana, which Japanese and Chinese typesetting never
    /// put at the start of a line (kinsoku shori; the common members of UAX #14's classes CL, CP, EX, IS and NS),
    /// and their ASCII counterparts.
    public static let neverStartsALine: Set<Character> = Set(
        "、。，．・：；？！）］｝」』】〕〉》〙〗〟’”｠»ヽヾゝゞ々〻ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ" + "!),.:;?]}"
    )

    /// A word wider than a line (text written without spaces, such as Japanese or Chinese, a long key or URL) as
    /// lines, each accepted by `fits` where one character alone is not too wide, the last one open for what follows.
    /// It breaks after its last slash or hyphen that leaves a line a third filled or more (`output-images/` then
    /// `20261202T161021Z-7-`), else between characters; a character that never starts a line takes the one before it
    /// along to the next line.
    public static func pieces(of word: some StringProtocol, fits: (String) -> Bool) -> [String] {
        var lines: [String] = []
        var line = ""
        for character in word {
            let extended = line + String(character)
            if line.isEmpty || fits(extended) {
                line = extended
                continue
            }
            if let split = lastBreakAfterSeparator(in: Array(line)) {
                let rest = String(line.dropFirst(split)) + String(character)
                if fits(rest) {
                    lines.append(String(line.prefix(split)))
                    line = rest
                    continue
                }
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

    /// Where a word wider than a line breaks before it breaks between characters: after a slash or a hyphen, the parts
    /// of a key, a path or a URL, or of a hyphenated word (UAX #14's classes SY and HY).
    private static let breaksAfter: Set<Character> = ["/", "-"]

    /// In `line`, a row of a word too wide for it, how many characters go before its last break after a slash or a
    /// hyphen; nil where there is none that leaves at least a third of the row, or where the row ends at one (a break
    /// between characters is then the same). A third: `output-images/` keeps its line in a preview's details, while a
    /// break that left `a-` alone, and the rest of a long word below it, would waste the row.
    public static func lastBreakAfterSeparator(in line: [Character]) -> Int? {
        guard let last = line.last, !breaksAfter.contains(last), let separator = line.lastIndex(where: breaksAfter.contains),
              separator + 1 >= (line.count + 2) / 3 else { return nil }
        return separator + 1
    }

    /// The paragraph's words, a lone `·` joined to the word before it.
    private static func words(_ paragraph: Substring) -> [Substring] {
        var words: [Substring] = []
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
            if word == "·", let last = words.last, !last.isEmpty {
                words[words.count - 1] = last + " ·"
            } else {
                words.append(word)
            }
        }
        return words
    }
}
