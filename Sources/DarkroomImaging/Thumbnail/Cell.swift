/// One terminal cell: a glyph drawn in the foreground colour over the background colour.
public struct Cell: Hashable, Sendable {
    public var glyph: Character
    public var foreground: TerminalColor
    public var background: TerminalColor

    public init(glyph: Character, foreground: TerminalColor, background: TerminalColor) {
        self.glyph = glyph
        self.foreground = foreground
        self.background = background
    }

    /// A blank cell in the terminal's default colours.
    public static let blank = Cell(glyph: " ", foreground: .terminalDefault, background: .terminalDefault)
}
