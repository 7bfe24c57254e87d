import DarkroomCore
import DarkroomTerminal

/// Text wrapped to a width in terminal columns (a wide character counts two), as `LineBreaking` breaks it.
public enum TextWrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        return LineBreaking.lines(text) { TextWidth.of($0) <= width }
    }

    /// Facts set apart by ` · `, broken between facts (`LineBreaking.lines(facts:fits:)`).
    public static func lines(facts: [String], width: Int) -> [String] {
        guard width > 0 else { return [] }
        return LineBreaking.lines(facts: facts) { TextWidth.of($0) <= width }
    }
}
