#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ending the process by a signal it caught, once its work is put away: the parent then sees a death by that
/// signal, not an exit. A shell reports 128 + the signal either way, but only a death by SIGINT stops a shell loop
/// or a `make` that ran the command, as Ctrl-C should.
public enum SignalEnding {
    /// Puts the default action of `signalNumber` back and raises it on the calling thread with it unblocked there (the
    /// thread may have inherited a mask that blocks it, as Dispatch's threads do, and a blocked signal would only
    /// wait). A signal whose default action is not to end the process still ends it, with status 128 + signal.
    public static func endProcess(by signalNumber: Int32) -> Never {
        signal(signalNumber, SIG_DFL)
        raiseUnblocked(signalNumber)
        exit(128 + signalNumber)
    }

    /// Raises `signalNumber` on the calling thread with it unblocked there, whatever its action.
    public static func raiseUnblocked(_ signalNumber: Int32) {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signalNumber)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(signalNumber)
    }
}
