/// How images reach the screen.
public enum GraphicsProtocol: String, CaseIterable, Sendable, Equatable {
    /// The kitty graphics protocol (kitty, WezTerm, Ghostty, Konsole): PNG uploads placed on cells.
    case kitty
    /// DEC sixel graphics (xterm in VT340 mode, foot, mlterm, Windows Terminal): at most 256 colours.
    case sixel
    /// iTerm2's inline images (`OSC 1337 ; File=…`), also understood by WezTerm.
    case iterm2
    /// Coloured half blocks: works in every terminal.
    case blocks

    /// Whether the protocol draws real pixels rather than character cells.
    public var drawsPixels: Bool { self != .blocks }
}

/// How the user asked images to be drawn (`--graphics`, config key `graphics`, `DARKROOM_GRAPHICS`).
///
/// Only the request: `CapabilityProbe` turns it, with the environment, into what is actually used (`auto` asks
/// the terminal; anything unclear means blocks).
public enum GraphicsPreference: String, CaseIterable, Sendable, Equatable {
    /// Use what the terminal answers to the probe; blocks when the answer is unclear.
    case auto
    case kitty
    case sixel
    case iterm2
    case blocks

    /// The forced protocol, nil for `auto`.
    public var forced: GraphicsProtocol? { GraphicsProtocol(rawValue: rawValue) }
}
