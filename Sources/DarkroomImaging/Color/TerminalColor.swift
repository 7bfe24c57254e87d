/// A colour as a terminal understands it.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own default foreground or background.
    case terminalDefault
    /// A palette entry: 0–15 the basic colours, 16–231 the 6×6×6 cube, 232–255 the grey ramp.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(RGB)
}
