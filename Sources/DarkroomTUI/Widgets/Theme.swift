/// The app's look for one terminal: styles for each role and the glyphs to draw with, chosen from the
/// terminal's colours and whether it can show Unicode.
public struct Theme: Sendable {
    public let colorSupport: ColorSupport
    public let unicode: Bool

    public init(colorSupport: ColorSupport, unicode: Bool) {
        self.colorSupport = colorSupport
        self.unicode = unicode
    }

    private var hasColor: Bool { colorSupport != .none }

    private func colored(_ index: UInt8, fallback: Style.Attributes = []) -> Style {
        hasColor ? Style(foreground: .indexed(index)) : Style(attributes: fallback)
    }

    public var normal: Style { .plain }
    public var border: Style { colored(8, fallback: .dim) }
    public var focusedBorder: Style { colored(6, fallback: .bold).adding(.bold) }
    public var title: Style { Style(attributes: .bold) }
    public var dim: Style { colored(8, fallback: .dim) }
    public var accent: Style { colored(6, fallback: .bold) }
    public var success: Style { colored(2, fallback: .bold) }
    public var warning: Style { colored(3, fallback: .underline) }
    public var error: Style { colored(1, fallback: .bold).adding(.bold) }
    public var selected: Style { Style(attributes: .reverse) }
    public var statusBar: Style {
        hasColor ? Style(foreground: .indexed(15), background: .indexed(colorSupport == .ansi8 ? 4 : 24)) : Style(attributes: .reverse)
    }
    public var key: Style { Style(attributes: .bold) }

    /// Box-drawing glyphs: top-left, top-right, bottom-left, bottom-right, horizontal, vertical.
    public var box: (topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character,
                     horizontal: Character, vertical: Character) {
        unicode ? ("┌", "┐", "└", "┘", "─", "│") : ("+", "+", "+", "+", "-", "|")
    }

    /// Filled and empty parts of a slider bar.
    public var sliderGlyphs: (filled: Character, empty: Character) { unicode ? ("█", "░") : ("#", "-") }

    /// Frames of the running-job spinner.
    public var spinnerFrames: [String] {
        unicode ? ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"] : ["|", "/", "-", "\\"]
    }

    public var ellipsis: String { unicode ? "…" : "..." }
}
