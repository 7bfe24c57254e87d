import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// One line on standard error redrawn in place (a sweep's progress bar, the wait for an image), with messages
/// printed above it; silent when standard error is not a terminal, so a log or a pipe gets only the messages.
final class StatusLine: Sendable {
    private let enabled: Bool
    /// The text on the line, nil before the first and after `finish`; `finished` keeps a late update off it.
    private let state = Mutex<(shown: String?, finished: Bool)>((nil, false))

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
    }

    /// Draws `text` over the line.
    func show(_ text: String) {
        guard enabled else { return }
        state.withLock { state in
            guard !state.finished else { return }
            state.shown = text
            StandardStreams.writeError("\r\(text)\u{1B}[K")
        }
    }

    /// Prints `message` as a line of its own, and the status line again under it.
    func print(_ message: String) {
        state.withLock { state in
            let shown = enabled ? state.shown : nil
            StandardStreams.writeError((shown == nil ? "" : "\r\u{1B}[K") + message + "\n" + (shown ?? ""))
        }
    }

    /// Ends the line: kept as the last figures (a sweep's bar) or erased (a wait that is over).
    func finish(keepingLast keep: Bool) {
        state.withLock { state in
            if enabled, state.shown != nil { StandardStreams.writeError(keep ? "\n" : "\r\u{1B}[K") }
            state = (nil, true)
        }
    }
}
