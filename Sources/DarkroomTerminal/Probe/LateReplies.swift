import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal of a probe that timed out: kept silent (no echo, non-canonical) while its replies may still
/// come, so they are neither echoed on the screen nor left for the shell to read as typed text.
enum LateReplies {
    private struct Pending {
        var descriptor: Int32
        var saved: termios
        var received: [UInt8]
    }

    private static let pending = Mutex<Pending?>(nil)
    private static let exitHandler = Mutex(false)

    /// Takes `descriptor` (a duplicate, closed by `finish`) and the settings to restore.
    static func expect(descriptor: Int32, saved: termios, received: [UInt8]) {
        let previous = pending.withLock { pending in
            defer { pending = Pending(descriptor: descriptor, saved: saved, received: received) }
            return pending
        }
        // A second probe while the first's replies are outstanding: the first's saved settings are the user's.
        if let previous {
            pending.withLock { $0?.saved = previous.saved }
            close(previous.descriptor)
        }
        // However the process ends, the terminal gets its settings back.
        let register = exitHandler.withLock { registered in
            defer { registered = true }
            return !registered
        }
        if register { atexit { LateReplies.finish(waitingUpTo: .zero) } }
    }

    static func finish(waitingUpTo wait: Duration) {
        guard var taken = pending.withLock({ pending in
            defer { pending = nil }
            return pending
        }) else { return }
        if wait > .zero {
            _ = TerminalQuery.readReplies(from: taken.descriptor, until: ContinuousClock.now.advanced(by: wait), after: taken.received)
        }
        tcflush(taken.descriptor, TCIFLUSH)
        tcsetattr(taken.descriptor, TCSANOW, &taken.saved)
        close(taken.descriptor)
    }
}
