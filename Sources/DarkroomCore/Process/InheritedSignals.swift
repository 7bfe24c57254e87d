#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Signals as the process was started with them. An ignored signal stays ignored through exec, and darkroom leaves a
/// stop signal so, as the shell's own tools do: `nohup` ignores SIGHUP so that a command outlives the SSH session it
/// was started from, and a shell ignores SIGINT for a script's `&` jobs so that Ctrl-C stops only the foreground.
/// SIGCHLD is the exception (`collectChildEndings`).
public enum InheritedSignals {
    /// Makes the children's endings this process's to collect. A parent that set SIGCHLD to "ignore" (a supervisor,
    /// a script) hands that on through exec, and the kernel then reaps each child as it ends: `waitpid` finds none,
    /// and a `credential_process` that failed read as one that exited 0 and printed nothing. Called once at the
    /// program's start, before any child; darkroom installs no SIGCHLD handler that this could replace.
    public static func collectChildEndings() {
        signal(SIGCHLD, SIG_DFL)
    }

    /// Whether `signalNumber`'s action is to be ignored.
    public static func isIgnored(_ signalNumber: Int32) -> Bool {
        var action = sigaction()
        sigaction(signalNumber, nil, &action)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
