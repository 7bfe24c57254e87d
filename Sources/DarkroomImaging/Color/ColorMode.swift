/// How many colours the output terminal shows.
public enum ColorMode: String, CaseIterable, Sendable {
    case truecolor
    case xterm256 = "256"
    case ansi16 = "16"
    case ansi8 = "8"
    case none

    /// The mode a terminal supports, from its environment: a non-empty `NO_COLOR` turns colour off,
    /// `COLORTERM=truecolor|24bit` or a `-direct` `TERM` selects 24-bit, a `TERM` containing
    /// `256color` selects 256, `dumb` or no `TERM` means none, anything else 16.
    public static func detect(environment: [String: String]) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        let term = environment["TERM"]?.lowercased() ?? ""
        if colorTerm == "truecolor" || colorTerm == "24bit" || term.hasSuffix("-direct") { return .truecolor }
        if term.isEmpty || term == "dumb" { return .none }
        if term.contains("256color") { return .xterm256 }
        return .ansi16
    }
}
