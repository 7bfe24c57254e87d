import DarkroomImaging
/// The app's look for one terminal: styles for each role and the glyphs to draw with, chosen from the
/// terminal's colours and whether it can show Unicode.
public struct Theme: Sendable {
    public let colorMode: ColorMode
    public let unicode: Bool
    /// The terminal's default background, when it told (OSC 11); pictures are drawn as if on black otherwise.
    public let terminalBackground: RGB?
    /// A cell's height over its width, when the terminal or the kernel told its size in pixels; 2 otherwise.
    public let cellAspect: Double?

    public init(colorMode: ColorMode, unicode: Bool, terminalBackground: RGB? = nil, cellAspect: Double? = nil) {
        self.colorMode = colorMode
        self.unicode = unicode
        self.terminalBackground = terminalBackground
        self.cellAspect = cellAspect
    }

    /// Block-character pictures for this terminal: its colours, its glyphs, its cells' shape (so a block stand-in
    /// covers the cells its pixels will), transparency over its background.
    public var pictureRenderer: ThumbnailRenderer {
        ThumbnailRenderer(symbols: unicode ? .half : .ascii, colors: colorMode, cellAspect: cellAspect ?? 2.0,
                          background: terminalBackground ?? .black)
    }

    /// A colour in the terminal's own vocabulary: a basic index on 8/16-colour terminals, an xterm index on
    /// 256-colour ones, RGB with direct colour. `basic` above 7 is only used where 16 colours exist.
    private func color(basic: UInt8, extended: UInt8, rgb: RGB) -> TerminalColor? {
        switch colorMode {
        case .none: return nil
        case .ansi8: return basic < 8 ? .indexed(basic) : nil
        case .ansi16: return .indexed(basic)
        case .xterm256: return .indexed(extended)
        case .truecolor: return .rgb(rgb)
        }
    }

    private func foreground(basic: UInt8, extended: UInt8, rgb: RGB, fallback: Style.Attributes) -> Style {
        color(basic: basic, extended: extended, rgb: rgb).map { Style(foreground: $0) } ?? Style(attributes: fallback)
    }

    public var normal: Style { .plain }
    public var dim: Style { foreground(basic: 8, extended: 244, rgb: RGB(r: 128, g: 128, b: 128), fallback: .dim) }
    public var accent: Style { foreground(basic: 6, extended: 37, rgb: RGB(r: 0, g: 175, b: 175), fallback: .bold) }
    public var success: Style { foreground(basic: 2, extended: 34, rgb: RGB(r: 0, g: 175, b: 0), fallback: .bold) }
    public var warning: Style { foreground(basic: 3, extended: 178, rgb: RGB(r: 215, g: 175, b: 0), fallback: .underline) }
    public var error: Style { foreground(basic: 1, extended: 160, rgb: RGB(r: 215, g: 0, b: 0), fallback: .bold).adding(.bold) }
    public var border: Style { dim }
    public var focusedBorder: Style { accent.adding(.bold) }
    public var title: Style { Style(attributes: .bold) }
    public var selected: Style { Style(attributes: .reverse) }
    public var statusBar: Style {
        guard let background = color(basic: 4, extended: 24, rgb: RGB(r: 0, g: 95, b: 135)),
              let text = color(basic: 7, extended: 255, rgb: RGB(r: 238, g: 238, b: 238)) else { return Style(attributes: .reverse) }
        return Style(foreground: text, background: background)
    }
    public var key: Style { Style(attributes: .bold) }

    /// Box-drawing glyphs: top-left, top-right, bottom-left, bottom-right, horizontal, vertical.
    public var box: (topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character,
                     horizontal: Character, vertical: Character) {
        unicode ? ("┌", "┐", "└", "┘", "─", "│") : ("+", "+", "+", "+", "-", "|")
    }

    /// Filled and empty parts of a slider bar.
    public var sliderGlyphs: (filled: Character, empty: Character) { unicode ? ("━", "─") : ("#", "-") }

    /// Frames of the running-job spinner.
    public var spinnerFrames: [String] {
        unicode ? ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"] : ["|", "/", "-", "\\"]
    }

    public var ellipsis: String { unicode ? "…" : "..." }
}
