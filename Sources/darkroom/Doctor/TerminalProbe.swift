import CNcurses
import DarkroomTUI
import Foundation

/// What the terminal offers the app, looked up the way the app looks it up.
enum TerminalProbe {
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
