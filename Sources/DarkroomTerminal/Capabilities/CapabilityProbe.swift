import DarkroomImaging
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Decides what the terminal can show, from facts gathered once before the app's screen starts: the
/// environment, the terminfo entry, the kernel's window size and the terminal's answers to one query batch.
///
/// `decide` is pure (every fact is a parameter, so each rule is tested offline); `run` gathers the facts.
public enum CapabilityProbe {
    /// The facts the decision is made from.
    struct Facts: Sendable {
        var environment: [String: String]
        var preference: GraphicsPreference
        var terminfo: TerminfoEntry?
        /// The answers to the query batch; nil when output is not a terminal (nothing was asked).
        var replies: TerminalReplies?
        /// The window's pixel size and cell count from TIOCGWINSZ, when the kernel knows them.
        var windowPixels: PixelSize?
        var windowCells: (columns: Int, rows: Int)?
        /// Inside tmux: whether its `allow-passthrough` option is on (nil outside tmux or when unknown).
        var tmuxPassthrough: Bool?

        var insideTmux: Bool { !(environment["TMUX"] ?? "").isEmpty }
    }

    /// The cell size assumed when a protocol is forced but the terminal tells none (a common 10x20 font).
    public static let assumedCell = PixelSize(width: 10, height: 20)
    /// kitty draws Unicode placeholders from this version on.
    static let placeholderVersion = [0, 28, 0]

    /// How long the app waits for the terminal's answers before its first paint. Answers that come later still count
    /// there (`runAwaitingLateAnswers`).
    public static let appDeadline: Duration = .milliseconds(500)
    /// How long a one-shot command (`show`, `doctor`) waits: it has nothing to show meanwhile and an answer it misses
    /// can never count, so a terminal that is slow to answer (still starting, a long SSH round trip) is given longer.
    /// Every terminal answers DA1; only a mute one waits this out.
    public static let commandDeadline: Duration = .milliseconds(1500)

    /// Gathers the facts for the terminal on standard output and decides. Sends the query batch only when
    /// standard output is a terminal and pixels are not ruled out by `preference == .blocks`.
    public static func run(environment: [String: String], preference: GraphicsPreference,
                           deadline: Duration = commandDeadline) -> TerminalCapabilities {
        decide(gather(environment: environment, preference: preference, deadline: deadline))
    }

    /// `run` for the app, which starts at the deadline rather than wait longer: when the terminal's answers missed it
    /// (a slow link, a terminal still starting), also what the app needs to decide again once they arrive among its
    /// input, so a slow terminal that can show pixels gets them after all.
    public static func runAwaitingLateAnswers(environment: [String: String], preference: GraphicsPreference,
                                              deadline: Duration = appDeadline) -> (TerminalCapabilities, LateAnswers?) {
        let facts = gather(environment: environment, preference: preference, deadline: deadline)
        let late = facts.replies?.isComplete == false ? LateAnswers(facts: facts) : nil
        return (decide(facts), late)
    }

    /// The facts `run` decides from.
    static func gather(environment: [String: String], preference: GraphicsPreference,
                              deadline: Duration) -> Facts {
        let terminfo = TerminfoEntry.lookup(term: environment["TERM"] ?? "")
        var facts = Facts(environment: environment, preference: preference, terminfo: terminfo, replies: nil)
        guard isatty(STDOUT_FILENO) == 1 else { return facts }
        if let window = TerminalQuery.windowSize(descriptor: STDOUT_FILENO) {
            facts.windowCells = (window.columns, window.rows)
            facts.windowPixels = window.pixels
        }
        if facts.insideTmux { facts.tmuxPassthrough = TmuxPassthrough.isAllowed() }
        guard preference != .blocks else { return facts }
        // A forced protocol asks nothing when the kernel already gives the cell size (no wait on a mute pty).
        if preference.forced != nil, facts.windowPixels != nil, !facts.insideTmux { return facts }
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else { return facts }
        defer { close(tty) }
        // The Linux console reads `ESC ]` as its own palette commands and prints the rest of an OSC 11 query.
        let askingBackground = !(environment["TERM"] ?? "").hasPrefix("linux")
        facts.replies = TerminalQuery.exchange(TerminalQuery.batch(insideTmux: facts.insideTmux, askingBackground: askingBackground),
                                               descriptor: tty, deadline: deadline)
        return facts
    }

    /// The decision: colour depth, protocol and cell size, each with its reason.
    static func decide(_ facts: Facts) -> TerminalCapabilities {
        var reasons: [String] = []
        let colors = colorMode(facts, reasons: &reasons)
        var capabilities = TerminalCapabilities(colorMode: colors, graphics: .blocks, tmux: facts.insideTmux,
                                                terminalVersion: facts.replies?.terminalVersion)
        if let version = facts.replies?.terminalVersion { reasons.append("the terminal names itself \(version) (XTVERSION)") }
        if let background = facts.replies?.background {
            capabilities.background = background
            reasons.append("background \(background.hex) (\(background.isLight ? "light" : "dark")): the terminal's answer to OSC 11")
        }

        let cell = cellSize(facts, reasons: &reasons)
        capabilities.cellPixels = cell
        if let forced = facts.preference.forced {
            capabilities.graphics = forced
            reasons.append("graphics \(forced.rawValue): chosen by --graphics or the graphics setting")
            if forced.drawsPixels && cell == nil {
                capabilities.cellPixels = assumedCell
                reasons.append("cell size assumed \(assumedCell) pixels")
            }
        } else {
            capabilities.graphics = autoProtocol(facts, cellKnown: cell != nil, reasons: &reasons, hint: &capabilities.hint)
        }
        if capabilities.graphics == .kitty {
            capabilities.kittyPlaceholders = facts.insideTmux || supportsPlaceholders(version: facts.replies?.terminalVersion)
            if capabilities.kittyPlaceholders {
                reasons.append(facts.insideTmux ? "kitty images use Unicode placeholders inside tmux"
                                                : "kitty images use Unicode placeholders (kitty >= 0.28)")
            }
        }
        capabilities.reasons = reasons
        return capabilities
    }

    static func colorMode(_ facts: Facts, reasons: inout [String]) -> ColorMode {
        let environment = facts.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            reasons.append("colour off: NO_COLOR is set")
            return .none
        }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" {
            reasons.append("24-bit colour: COLORTERM=\(colorTerm)")
            return .truecolor
        }
        let term = environment["TERM"] ?? ""
        if let terminfo = facts.terminfo {
            if terminfo.rgb || terminfo.tc {
                reasons.append("24-bit colour: terminfo for \(term) has the \(terminfo.rgb ? "RGB" : "Tc") flag")
                return .truecolor
            }
            if term.hasSuffix("-direct") {
                reasons.append("24-bit colour: TERM=\(term) is a direct-colour entry")
                return .truecolor
            }
            let mode: ColorMode = terminfo.colors >= 256 ? .xterm256 : terminfo.colors >= 16 ? .ansi16 : terminfo.colors >= 8 ? .ansi8 : .none
            reasons.append("\(mode == .none ? "no" : mode.rawValue) colours: terminfo lists \(terminfo.colors) for \(term); "
                           + "set COLORTERM=truecolor if the terminal has 24-bit colour")
            return mode
        }
        // No terminfo entry to ask: the name is all there is (NO_COLOR and COLORTERM were read above).
        let lowered = term.lowercased()
        let guessed: ColorMode = lowered.hasSuffix("-direct") ? .truecolor
            : lowered.isEmpty || lowered == "dumb" ? .none
            : lowered.contains("256color") ? .xterm256 : .ansi16
        reasons.append("\(guessed.rawValue) colours: guessed from TERM=\(term.isEmpty ? "(unset)" : term), which terminfo does not know")
        return guessed
    }

    /// The terminal's own answer to `CSI 16 t` comes first when there is one: it is exact, while the kernel's
    /// window pixels include the window's padding (kitty: 800x600 pixels over 88x32 cells is not 9x18.75 cells).
    static func cellSize(_ facts: Facts, reasons: inout [String]) -> PixelSize? {
        if let cell = facts.replies?.cellPixels {
            reasons.append("cell \(cell) pixels: the terminal's answer to CSI 16 t")
            return cell
        }
        if let pixels = facts.windowPixels, let cells = facts.windowCells, cells.columns > 0, cells.rows > 0,
           pixels.width / cells.columns > 0, pixels.height / cells.rows > 0 {
            let cell = PixelSize(width: pixels.width / cells.columns, height: pixels.height / cells.rows)
            reasons.append("cell \(cell) pixels: the window is \(pixels) pixels in \(cells.columns)x\(cells.rows) cells (TIOCGWINSZ)")
            return cell
        }
        if facts.replies != nil { reasons.append("cell size unknown: neither CSI 16 t nor TIOCGWINSZ gave pixels") }
        return nil
    }

    static func autoProtocol(_ facts: Facts, cellKnown: Bool, reasons: inout [String], hint: inout String?) -> GraphicsProtocol {
        guard let replies = facts.replies else {
            reasons.append("blocks: standard output is not a terminal, so nothing was asked")
            return .blocks
        }
        if !replies.isComplete {
            reasons.append("blocks: the terminal did not answer the device-attributes query within the deadline")
            return .blocks
        }
        if facts.insideTmux && facts.tmuxPassthrough == false {
            reasons.append("blocks: inside tmux with allow-passthrough off")
            hint = "for pixels: tmux set -g allow-passthrough on"
            return .blocks
        }
        let found: GraphicsProtocol?
        if replies.kitty == .ok {
            reasons.append("kitty graphics: the terminal answered OK to the a=q query")
            found = .kitty
        } else if replies.announcesSixel && !facts.insideTmux {
            reasons.append("sixel: the device attributes include 4 (\(replies.deviceAttributes?.map(String.init).joined(separator: ";") ?? ""))")
            found = .sixel
        } else if let version = replies.terminalVersion, version.hasPrefix("iTerm2") || version.hasPrefix("WezTerm") {
            reasons.append("iTerm2 inline images: XTVERSION names \(version)")
            found = .iterm2
        } else {
            let attributes = replies.deviceAttributes?.map(String.init).joined(separator: ";") ?? ""
            reasons.append("blocks: no kitty answer, no sixel in the device attributes (\(attributes)), no iTerm2 in XTVERSION"
                           + (replies.announcesSixel ? " (tmux does not pass sixel through)" : ""))
            found = nil
        }
        guard let found else { return .blocks }
        guard cellKnown else {
            reasons.append("blocks after all: without the cell size in pixels images cannot be fitted to cells")
            return .blocks
        }
        return found
    }

    /// Whether an XTVERSION such as `kitty(0.31.0)` names a kitty new enough for Unicode placeholders.
    static func supportsPlaceholders(version: String?) -> Bool {
        guard let version, version.hasPrefix("kitty("), version.hasSuffix(")") else { return false }
        let numbers = version.dropFirst(6).dropLast().split(separator: ".").map { Int($0) ?? 0 }
        for (have, need) in zip(numbers + [0, 0, 0], placeholderVersion) where have != need { return have > need }
        return true
    }
}
