#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and standard error, written with write(2).
///
/// Foundation's `FileHandle.write` traps when a write fails, so a full disk (`darkroom ls > /dev/full`), a closed
/// descriptor, or a terminal that hung up crashed the program with a backtrace. A command-line tool says what
/// went wrong instead and exits non-zero, as coreutils do.
public enum StandardStreams {
    /// Why standard output could not be written.
    public struct OutputError: Error, Equatable, CustomStringConvertible {
        /// The failed write's errno.
        public let errorNumber: Int32

        /// The system's words, e.g. "No space left on device".
        public var reason: String { String(cString: strerror(errorNumber)) }
        /// Whether the reader went away (the pipe into `head` has ended): output is no longer wanted.
        public var readerIsGone: Bool { errorNumber == EPIPE }

        public var description: String { "Cannot write to standard output: \(reason)." }
    }

    /// Writes all of `bytes` to standard output (unbuffered: a line is out when this returns).
    public static func writeOutput(_ bytes: [UInt8]) throws(OutputError) {
        if let failure = FileSystem.writeAll(bytes, to: STDOUT_FILENO) { throw OutputError(errorNumber: failure) }
    }

    /// Writes `text` to standard output.
    public static func writeOutput(_ text: String) throws(OutputError) {
        try writeOutput(Array(text.utf8))
    }

    /// Writes `text` to standard error. A failure is dropped: there is nowhere left to report it.
    public static func writeError(_ text: String) {
        _ = FileSystem.writeAll(Array(text.utf8), to: STDERR_FILENO)
    }

    /// Fills descriptors 0-2 that the caller left closed (`darkroom ls >&-`) with /dev/null opened the other way
    /// round, so that writing standard output still fails ("Bad file descriptor") rather than landing in whatever
    /// file, socket or image the program opens next and the system numbers 1.
    public static func occupyClosedDescriptors() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            // open(2) returns the lowest free number: this one, since those below it are open by now.
            _ = open("/dev/null", descriptor == STDIN_FILENO ? O_WRONLY : O_RDONLY)
        }
    }

    /// From now on, output that `print` buffered and could not write makes the process exit 1 with a sentence on
    /// standard error, instead of 0 as though everything had been printed (coreutils' `close_stdout`).
    public static func reportLostOutputAtExit() {
        atexit {
            // fflush(NULL) flushes every stdio stream: only standard output holds buffered text (standard error is
            // unbuffered, and darkroom writes its files otherwise). A stream that failed before fails again here.
            guard fflush(nil) != 0 else { return }
            StandardStreams.writeError("Error: \(OutputError(errorNumber: errno).description)\n")
            _exit(1)
        }
    }

}
