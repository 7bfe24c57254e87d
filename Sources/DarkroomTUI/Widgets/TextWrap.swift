import DarkroomCore
import DarkroomTerminal

/// Breaks text into lines that fit a width, by words where possible and by character for long words (never
/// starting a line with closing punctuation, `LineBreaking`);
/// newlines in the text are kept. The views' separator ` · ` stays with the word before it, so a line may end with
/// `·` but never starts with one.
public enum TextWrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in words(paragraph) {
                let wordWidth = TextWidth.of(String(word))
                let separator = line.isEmpty ? 0 : 1
                if lineWidth + separator + wordWidth <= width {
                    if separator == 1 { line += " " }
                    line += word
                    lineWidth += separator + wordWidth
                    continue
                }
                if !line.isEmpty { result.append(line) }
                var pieces = LineBreaking.pieces(of: word) { TextWidth.of($0) <= width }
                line = pieces.removeLast()
                lineWidth = TextWidth.of(line)
                result += pieces
            }
            result.append(line)
        }
        return result
    }

    /// Facts set apart by ` · `, broken between facts where each fits on a line ("SDXL 1.0 · 1024x1024 ·", then
    /// "seed 42 · 30 steps"), and by words inside a fact wider than a line.
    public static func lines(facts: [String], width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        var line = ""
        for (index, fact) in facts.enumerated() {
            let text = index == facts.count - 1 ? fact : fact + " ·"
            let joined = line.isEmpty ? text : line + " " + text
            if TextWidth.of(joined) <= width {
                line = joined
                continue
            }
            if !line.isEmpty { result.append(line) }
            // A fact wider than a line goes by words; its last piece stays open for the next fact.
            var pieces = lines(text, width: width)
            line = pieces.removeLast()
            result += pieces
        }
        if !line.isEmpty { result.append(line) }
        return result
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
