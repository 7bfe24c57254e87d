/// How the user asked images to be drawn (`--graphics`, config key `graphics`, `DARKROOM_GRAPHICS`).
///
/// Only the request: the terminal capability probe turns it, with the environment, into what is actually
/// used (`auto` asks the terminal; anything unclear means blocks).
public enum GraphicsChoice: String, CaseIterable, Sendable {
    /// Ask the terminal which protocol it speaks.
    case auto
    /// The kitty graphics protocol.
    case kitty
    /// DEC sixel.
    case sixel
    /// iTerm2's inline images (OSC 1337).
    case iterm2
    /// Coloured half blocks: works in every terminal.
    case blocks
}
