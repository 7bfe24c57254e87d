import DarkroomImaging

/// What the terminal can show, with the reasons the probe decided so (`darkroom doctor` prints them).
public struct TerminalCapabilities: Sendable, Equatable {
    /// How many colours text and block images may use.
    public var colorMode: ColorMode
    /// How images are drawn.
    public var graphics: GraphicsProtocol
    /// One cell's size in pixels; nil when neither the terminal nor the kernel told (then images are blocks).
    public var cellPixels: PixelSize?
    /// Whether kitty images are placed with Unicode placeholders (text cells that carry the image), which
    /// survive tmux and scrolling; otherwise they are placed at the cursor.
    public var kittyPlaceholders: Bool
    /// Set inside tmux: images go through its passthrough, wrapped and positioned by `TmuxPassthrough`.
    public var tmux: Bool
    /// XTVERSION's answer, when the terminal gave one.
    public var terminalVersion: String?
    /// The terminal's default background colour, when it told (OSC 11): what transparent pixels are composited
    /// over, and which way round a picture without colour is drawn.
    public var background: RGB?
    /// One line per decision: what was found and why it led here.
    public var reasons: [String]
    /// A hint for the user when pixels were possible but something (a tmux option) prevents them.
    public var hint: String?

    public init(colorMode: ColorMode, graphics: GraphicsProtocol, cellPixels: PixelSize? = nil, kittyPlaceholders: Bool = false,
                tmux: Bool = false, terminalVersion: String? = nil, background: RGB? = nil, reasons: [String] = [], hint: String? = nil) {
        self.colorMode = colorMode
        self.graphics = graphics
        self.cellPixels = cellPixels
        self.kittyPlaceholders = kittyPlaceholders
        self.tmux = tmux
        self.terminalVersion = terminalVersion
        self.background = background
        self.reasons = reasons
        self.hint = hint
    }

    /// A cell's height over its width, when its size in pixels is known: what block pictures are fitted with, so a
    /// square image is drawn square (and as wide as its pixels would be) in a font whose cells are not 1:2.
    public var cellAspect: Double? {
        cellPixels.flatMap { $0.width > 0 && $0.height > 0 ? Double($0.height) / Double($0.width) : nil }
    }

    /// Capabilities for output that is not a terminal, or tests: no pixels, the given colours.
    public static func blocks(colorMode: ColorMode, reason: String) -> TerminalCapabilities {
        TerminalCapabilities(colorMode: colorMode, graphics: .blocks, reasons: [reason])
    }

    /// The one status-line sentence naming the image mode and how to change it (or, when something the user can
    /// change stands in the way of pixels, how to get them), within 80 columns so a default-sized terminal shows it whole.
    public var statusSentence: String {
        let mode = graphics == .blocks ? "blocks" : "\(graphics.rawValue) graphics"
        let colours = colorMode == .truecolor ? "24-bit colour" : colorMode == .none ? "no colour" : "\(colorMode.rawValue) colours"
        return "Images: \(mode), \(colours)" + (hint.map { "; \($0)" } ?? " (--graphics or `graphics =` to change)")
    }
}
