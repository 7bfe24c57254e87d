import DarkroomImaging

extension TerminalColor {
    /// This colour as a curses colour number for a terminal in `mode`: -1 for the terminal's default, the
    /// palette index, or with direct colour the 24-bit value; nil when the terminal shows no colour.
    ///
    /// The theme and the thumbnail renderer produce colours for the terminal's own mode; a colour from another
    /// mode (an RGB value on a 256-colour terminal) falls back to the terminal's default instead of a wrong guess.
    func cursesNumber(in mode: ColorMode) -> Int32? {
        switch (self, mode) {
        case (_, .none):
            return nil
        case (.terminalDefault, _):
            return -1
        case (.rgb(let rgb), .truecolor):
            return Int32(rgb.r) << 16 | Int32(rgb.g) << 8 | Int32(rgb.b)
        case (.indexed(let index), .truecolor):
            // Direct-colour terminfo keeps the 8 ANSI colours below 8; anything else is read as RGB.
            return index < 8 ? Int32(index) : -1
        case (.indexed(let index), .xterm256):
            return Int32(index)
        case (.indexed(let index), .ansi16):
            return index < 16 ? Int32(index) : -1
        case (.indexed(let index), .ansi8):
            return index < 8 ? Int32(index) : -1
        case (.rgb, .xterm256), (.rgb, .ansi16), (.rgb, .ansi8):
            return -1
        }
    }
}
