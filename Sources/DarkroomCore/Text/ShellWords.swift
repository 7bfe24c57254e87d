/// Words written as one POSIX shell command line, to be pasted or run with `sh -c`: each as it is where the shell
/// reads it unchanged (`--seed`, `42`, `output-images/a.png`), else in single quotes, inside which only a single
/// quote needs care (`'it'\''s'`). Line breaks stay inside their quotes.
public enum ShellWords {
    public static func commandLine(_ words: [String]) -> String {
        words.map(quoted).joined(separator: " ")
    }

    public static func quoted(_ word: String) -> String {
        if !word.isEmpty, word.unicodeScalars.allSatisfy(isPlain) { return word }
        return "'" + word.replacing("'", with: #"'\''"#) + "'"
    }

    /// Letters, digits and the punctuation no POSIX shell gives a meaning to outside the start of a word (`~` and `#`
    /// have one there, so they are quoted).
    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/", ":", "=", ",", "+", "@", "%": true
        default: false
        }
    }
}
