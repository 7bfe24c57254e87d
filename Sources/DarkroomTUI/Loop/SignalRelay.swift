import DarkroomCore
#if canImport(Glibc)
import Glibc
#endif

/// Turns the signals the app acts on into bytes on a pipe the UI loop polls (the self-pipe trick), so they are
/// handled on the UI thread between frames, never inside a signal handler.
///
/// Installed before ncurses starts: ncurses installs its own handlers (SIGINT, SIGTERM, SIGTSTP, SIGWINCH) only
/// where the disposition is still the default, and those would end the process with the terminal and the saved
/// state left to chance.
public final class SignalRelay: Sendable {
    /// Signals relayed: the ends of a session (hang-up, termination, an outside interrupt or quit), job control
    /// (stop from outside, continue) and terminal resizes.
    public static let relayed: [Int32] = [SIGHUP, SIGTERM, SIGINT, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH]

    private let pipe = WakeUpPipe()

    /// Installs the handlers for the process; one relay at a time (the app has one).
    public init() {
        SignalRelay.writeDescriptor = pipe.writeDescriptor
        for signal in Self.relayed { Self.install(signal) }
    }

    /// Readable while signals wait.
    public var wakeDescriptor: Int32 { pipe.readDescriptor }

    /// The signals received since the last call, in order (a signal repeated before the loop ran may show once).
    public func drain() -> [Int32] {
        pipe.drain().map(Int32.init)
    }

    /// Puts the default handlers back (the app is ending, or raises a signal on itself to stop or end).
    public func uninstall() {
        for signal in Self.relayed { Glibc.signal(signal, SIG_DFL) }
    }

    /// Stops the process as Ctrl-Z in a shell would (SIGTSTP with the default action) and returns once it is
    /// continued (`fg`); the relay's handler is back in place then.
    public func stopProcess() {
        Glibc.signal(SIGTSTP, SIG_DFL)
        SignalEnding.raiseUnblocked(SIGTSTP)
        Self.install(SIGTSTP)
    }

    /// Ends the process by `signal` with its default action, so the parent sees it (a shell reports 128 + signal).
    public func terminate(by signal: Int32) -> Never {
        uninstall()
        SignalEnding.endProcess(by: signal)
    }

    private static func install(_ signal: Int32) {
        Glibc.signal(signal) { received in
            let saved = errno
            var byte = UInt8(truncatingIfNeeded: received)
            _ = write(SignalRelay.writeDescriptor, &byte, 1)
            errno = saved
        }
    }

    /// Read by the handler, which can capture nothing; written before any handler is installed.
    nonisolated(unsafe) private static var writeDescriptor: Int32 = -1
}
