import DarkroomTerminal

/// How the user asked images to be drawn (`--graphics`, config key `graphics`, `DARKROOM_GRAPHICS`).
///
/// Only the request: the terminal capability probe (`CapabilityProbe` in DarkroomTerminal) turns it, with the
/// environment, into what is actually used (`auto` asks the terminal; anything unclear means blocks).
public typealias GraphicsChoice = GraphicsPreference
