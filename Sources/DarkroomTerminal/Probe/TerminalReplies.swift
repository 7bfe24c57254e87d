import DarkroomCore
import DarkroomImaging

/// What a terminal answered to the capability queries, parsed from its reply bytes by `TerminalReplies.parse`.
public struct TerminalReplies: Sendable, Equatable {
    /// The kitty graphics protocol's answer to the `a=q` query.
    public enum KittyAnswer: Sendable, Equatable {
        /// The terminal accepted the query image: it speaks the protocol.
        case ok
        /// The terminal knows the protocol but refused the query (the message it gave, e.g. `EINVAL:…`).
        case error(String)
    }

    /// XTVERSION's name and version (`DCS > | text ST`), e.g. `kitty(0.26.5)` or `XTerm(379)`.
    public var terminalVersion: String?
    /// The answer to the kitty graphics query, nil when the terminal stayed silent.
    public var kitty: KittyAnswer?
    /// One cell's size in pixels from `CSI 6 ; height ; width t` (the reply to `CSI 16 t`).
    public var cellPixels: PixelSize?
    /// The primary device attributes (`CSI ? 62 ; 4 ; … c`); 4 means sixel graphics.
    public var deviceAttributes: [Int]?
    /// The terminal's default background colour, from `OSC 11 ; rgb:RRRR/GGGG/BBBB ST` (the reply to `OSC 11 ; ?`).
    public var background: RGB?
    /// Bytes that were not one of the replies above (keys typed while the probe ran, unknown reports).
    public var other: [UInt8] = []
    /// Whether the input ended inside an escape sequence (more bytes are on their way).
    public var endsInsideSequence = false

    public init(terminalVersion: String? = nil, kitty: KittyAnswer? = nil, cellPixels: PixelSize? = nil,
                deviceAttributes: [Int]? = nil, background: RGB? = nil, other: [UInt8] = [], endsInsideSequence: Bool = false) {
        self.terminalVersion = terminalVersion
        self.kitty = kitty
        self.cellPixels = cellPixels
        self.deviceAttributes = deviceAttributes
        self.background = background
        self.other = other
        self.endsInsideSequence = endsInsideSequence
    }

    /// Whether DA1, which every terminal answers and the batch asks last, has come: nothing more is owed.
    public var isComplete: Bool { deviceAttributes != nil }

    /// Whether the device attributes list sixel graphics (attribute 4).
    public var announcesSixel: Bool { deviceAttributes?.contains(4) ?? false }
}

/// A size in pixels (a cell's, the window's): the same type as a generated image's size, written `WxH` alike.
public typealias PixelSize = ImageSize
