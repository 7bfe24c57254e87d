/// A colour as a terminal understands it.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own default foreground or background.
    case terminalDefault
    /// A palette entry: 0–15 the basic colours, 16–231 the 6×6×6 cube, 232–255 the grey ramp.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(RGB)
}

extension TerminalColor {
    /// The sRGB colour this stands for (xterm's palette for indexed colours); nil for the
    /// terminal's default, whose colour is unknown.
    public var approximateRGB: RGB? {
        switch self {
        case .terminalDefault: nil
        case .indexed(let index): XtermPalette.rgb(ofIndex: Int(index))
        case .rgb(let rgb): rgb
        }
    }
}
