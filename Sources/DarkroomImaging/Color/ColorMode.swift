/// How many colours the output terminal shows.
public enum ColorMode: String, CaseIterable, Sendable {
    case truecolor
    case xterm256 = "256"
    case ansi16 = "16"
    case ansi8 = "8"
    case none
}
