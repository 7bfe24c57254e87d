import CNcurses
import DarkroomTUI
import Foundation

/// What the terminal offers the app, looked up the way the app looks it up.
enum TerminalProbe {
    /// How many colours terminfo lists for `term`: nil when terminfo has no entry for it, 0 without colours.
    static func terminfoColors(term: String) -> Int? {
        // A screen on /dev/null reads the terminfo entry without touching the real terminal.
        guard let devNull = fopen("/dev/null", "r+") else { return nil }
        defer { fclose(devNull) }
        guard let screen = newterm(term, devNull, devNull) else { return nil }
        defer {
            endwin()
            delscreen(screen)
        }
        return max(0, Int(tigetnum("colors")))
    }

    /// Whether the user's locale (LANG, LC_ALL, LC_CTYPE) encodes text as UTF-8.
    static func localeIsUTF8() -> Bool {
        setlocale(LC_ALL, "")
        return NcursesScreen.localeIsUTF8()
    }

    /// The size standard output's terminal reports, nil when it is not a terminal.
    static func size() -> (columns: Int, rows: Int)? {
        var reported = winsize()
        guard isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &reported) == 0,
              reported.ws_col > 0, reported.ws_row > 0
        else { return nil }
        return (Int(reported.ws_col), Int(reported.ws_row))
    }
}
