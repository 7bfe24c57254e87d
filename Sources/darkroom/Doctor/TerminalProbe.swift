import DarkroomTUI
import DarkroomTerminal
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// What the terminal offers the app, looked up the way the app looks it up.
enum TerminalProbe {
    /// Whether the user's locale (LANG, LC_ALL, LC_CTYPE) encodes text as UTF-8.
    static func localeIsUTF8() -> Bool {
        setlocale(LC_ALL, "")
        return NcursesScreen.localeIsUTF8()
    }

    /// The size standard output's terminal reports, nil when it is not a terminal.
    static func size() -> (columns: Int, rows: Int)? {
        TerminalQuery.windowSize(descriptor: STDOUT_FILENO).map { ($0.columns, $0.rows) }
    }
}
