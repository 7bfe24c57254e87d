import DarkroomTerminal
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The marks the commands add to what they print (a separator, an arrow, a progress bar), in ASCII where the
/// locale's characters are not UTF-8: a terminal set to `LANG=C` shows UTF-8 bytes as other characters. The app
/// and `show` choose the same way (`TerminalLocale`). What a user wrote (prompts, keys) and JSON are never changed.
struct CommandGlyphs: Sendable, Equatable {
    /// Between facts on one line: `" · "` or `" - "`.
    let separator: String
    /// From a source to where it went: `"→"` or `"->"`.
    let arrow: String
    /// A progress bar's done and still-to-do parts.
    let barDone: String
    let barToDo: String

    static let unicode = CommandGlyphs(separator: " · ", arrow: "→", barDone: "█", barToDo: "░")
    static let ascii = CommandGlyphs(separator: " - ", arrow: "->", barDone: "#", barToDo: "-")

    /// For this process, decided once from its environment (`TerminalLocale.activate` also sets `LC_CTYPE`).
    static let current: CommandGlyphs = TerminalLocale.activate(environment: ProcessInfo.processInfo.environment).isUTF8 ? .unicode : .ascii

    var isUnicode: Bool { self == .unicode }
}
