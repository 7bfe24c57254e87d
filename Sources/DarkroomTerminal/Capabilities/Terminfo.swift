import CNcurses
import DarkroomImaging
import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// curses keeps its current screen in process-wide globals (`SP`, `stdscr`), so a process has one screen at a time:
/// a terminfo lookup's, held for the lookup, or the app's (`NcursesScreen`), held from its start to its close. Two
/// lookups at once (parallel tests, the probe beside doctor) crashed inside libncursesw; a lookup beside a live screen
/// (parallel test suites) pointed `stdscr` at the lookup's window, which it then freed under the screen's feet. A
/// semaphore rather than a lock: the screen may be closed by its `deinit` on another thread than the one that made it.
public enum CursesScreenLock {
    private static let semaphore = DispatchSemaphore(value: 1)

    /// Waits until no other curses screen exists in the process.
    public static func acquire() { semaphore.wait() }

    public static func release() { semaphore.signal() }
}

/// What darkroom reads of a terminfo entry: its colours, and how its terminal reports the mouse.
public struct TerminfoEntry: Sendable, Equatable {
    /// How a terminal sends mouse reports, from the entry's `kmous`; curses asks for the same.
    public enum MouseReports: String, Sendable {
        /// xterm's SGR reports (`\E[<`, mode 1006): any column.
        case sgr = "SGR"
        /// The original X10 encoding (`\E[M`, mode 1000): a byte per coordinate, so columns up to 223.
        case x10 = "X10"
    }

    /// `colors`: how many palette entries the entry lists (0 without colour).
    public var colors: Int
    /// The `RGB` flag (ncurses' direct-colour convention).
    public var rgb: Bool
    /// The `Tc` flag (tmux's and many terminals' true-colour convention).
    public var tc: Bool
    /// Nil when the entry names no mouse reports.
    public var mouse: MouseReports? = nil

    /// Reads the entry for `term` without touching the real terminal (a curses screen on /dev/null);
    /// nil when terminfo has no entry. Call it before the app's own screen exists (curses has one current screen).
    public static func lookup(term: String) -> TerminfoEntry? {
        CursesScreenLock.acquire()
        defer { CursesScreenLock.release() }
        return unlockedLookup(term: term)
    }

    private static func unlockedLookup(term: String) -> TerminfoEntry? {
        guard !term.isEmpty, let devNull = fopen("/dev/null", "r+") else { return nil }
        defer { fclose(devNull) }
        guard let screen = newterm(term, devNull, devNull) else { return nil }
        defer {
            endwin()
            delscreen(screen)
        }
        let colors = max(0, Int(tigetnum("colors")))
        // tigetstr answers (char *)-1 for a name that is no string capability and NULL for one the entry lacks.
        let mouseKey = tigetstr("kmous").flatMap { Int(bitPattern: $0) == -1 ? nil : String(cString: $0) }
        let mouse: MouseReports? = switch mouseKey {
        case "\u{1B}[<": .sgr
        case "\u{1B}[M": .x10
        default: nil
        }
        return TerminfoEntry(colors: colors, rgb: tigetflag("RGB") > 0, tc: tigetflag("Tc") > 0, mouse: mouse)
    }

    /// The entry curses is given for `term` at `colorMode`: in true colour the -direct sibling (`directColorEntry`),
    /// else nil, for `term` itself. The app's screen and doctor's mouse row both ask here, so they read the same entry.
    public static func cursesEntry(for term: String, colorMode: ColorMode) -> String? {
        colorMode == .truecolor ? directColorEntry(for: term) : nil
    }

    /// A terminfo entry with the `RGB` flag for a terminal whose own entry lacks it (xterm-256color and
    /// xterm-kitty -> xterm-direct, tmux-256color -> tmux-direct); nil when `term` already has it or no such
    /// entry is installed (screen has none: it stays at 256 colours). Curses only draws 24-bit colour through such an entry.
    public static func directColorEntry(for term: String) -> String? {
        guard !term.isEmpty, lookup(term: term)?.rgb != true else { return nil }
        let family = term.split(separator: "-").first.map(String.init) ?? term
        let candidate = "\(family)-direct"
        return lookup(term: candidate)?.rgb == true ? candidate : nil
    }
}
