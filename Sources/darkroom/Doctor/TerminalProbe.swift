import DarkroomTerminal
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The terminal's size, as the app reads it.
enum TerminalProbe {
    /// The size standard output's terminal reports, nil when it is not a terminal.
    static func size() -> (columns: Int, rows: Int)? {
        TerminalQuery.windowSize(descriptor: STDOUT_FILENO).map { ($0.columns, $0.rows) }
    }
}
