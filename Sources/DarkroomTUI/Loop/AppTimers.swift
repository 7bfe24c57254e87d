#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension AppState {
    /// How often a running job's spinner and elapsed time change (tenths of a second).
    static let spinnerInterval: TimeInterval = 0.1

    /// When the screen next changes with no input and no result: the running jobs' next spinner frame, the
    /// moment the status line's message expires, or when the filter's tiles are loaded. Nil when nothing on screen
    /// changes by itself, and the UI loop sleeps until input, a result or a signal.
    public func nextTimer(after now: Date) -> Date? {
        var next: Date?
        if jobs.queue.runningCount > 0 {
            let frame = (now.timeIntervalSince1970 / Self.spinnerInterval).rounded(.down) + 1
            next = Date(timeIntervalSince1970: frame * Self.spinnerInterval)
        }
        if message != nil {
            let expiry = messageShownAt.addingTimeInterval(StatusLineView.messageSeconds)
            if expiry > now { next = min(next ?? expiry, expiry) }
        }
        if let due = gallery.tileLoadsDue {
            next = min(next ?? due, due)
        }
        return next
    }
}
