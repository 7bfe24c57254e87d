#if canImport(Glibc)
import Glibc
#endif

/// Programs started with posix_spawn, and how they ended: the one place darkroom starts a child (the editor behind
/// Ctrl-O, a profile's `credential_process`, the tests' peers).
///
/// Not Foundation's `Process`: it starts a child in a process group of its own (an editor there cannot read the
/// terminal, which serves only darkroom's group), it would bring all of Foundation into the Lambda package for
/// `credential_process`, and it learns that a child ended when a socket the child inherited closes, so a program
/// that closes its inherited descriptors (sshd does at start) looks finished while it runs.
public enum ChildProcess {
    /// posix_spawn's error number.
    public struct SpawnFailure: Error, Sendable {
        public let code: Int32
    }

    /// How a child ended, decoded from its wait status.
    public enum Ending: Sendable, Hashable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)

        /// WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as they are macros.
        public init(waitStatus: Int32) {
            let signal = waitStatus & 0x7F
            self = signal == 0 ? .exited((waitStatus >> 8) & 0xFF) : .signaled(signal)
        }

        /// The status a shell reports for it: the exit status, or 128 + the signal.
        public var shellStatus: Int32 {
            switch self {
            case .exited(let status): status
            case .signaled(let signal): 128 + signal
            }
        }

        public var description: String {
            switch self {
            case .exited(let status): "exited with status \(status)"
            case .signaled(let signal): "killed by signal \(signal)"
            }
        }
    }

    /// Starts `executable` with `arguments` and exactly `environment`; `files` sets up its descriptors. Every
    /// signal is at its default and none is blocked: the spawning thread may block some (Dispatch threads block
    /// SIGTERM, the app's loop takes its signals through a pipe) and the child would inherit that. The child stays
    /// in this process's group, so it shares the terminal with it, unless `newSession` makes it lead a session of
    /// its own (the files are opened after setsid, so a terminal opened there becomes its controlling terminal).
    public static func spawn(_ executable: String, arguments: [String], environment: [String: String], newSession: Bool = false,
                             files: (inout posix_spawn_file_actions_t) -> Void = { _ in }) throws(SpawnFailure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        files(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        let setsid: Int32 = 0x80  // POSIX_SPAWN_SETSID, a GNU extension the Glibc module does not import
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | (newSession ? setsid : 0)))

        let argv = ([executable] + arguments).map { strdup($0) }, envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + envp).forEach { free($0) } }
        var child = pid_t()
        let spawned = posix_spawn(&child, executable, &actions, &attributes, argv + [nil], envp + [nil])
        guard spawned == 0 else { throw SpawnFailure(code: spawned) }
        return child
    }

    /// Runs `executable` with `arguments` and exactly `environment`, standard error discarded, and returns how it
    /// ended and everything it wrote to standard output (a profile's `credential_process`, a question to tmux).
    public static func output(of executable: String, arguments: [String], environment: [String: String]) throws(SpawnFailure) -> (ending: Ending, output: [UInt8]) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw SpawnFailure(code: errno) }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        let child: pid_t
        do {
            child = try spawn(executable, arguments: arguments, environment: environment) { actions in
                posix_spawn_file_actions_adddup2(&actions, writeEnd, STDOUT_FILENO)
                posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
                posix_spawn_file_actions_addclose(&actions, readEnd)
                posix_spawn_file_actions_addclose(&actions, writeEnd)
            }
        } catch {
            close(writeEnd)
            close(readEnd)
            throw error
        }
        close(writeEnd)
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                output += chunk[0..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(readEnd)
        return (wait(for: child), output)
    }

    /// Waits for the child `pid` to end (through interruptions by signals).
    public static func wait(for pid: pid_t) -> Ending {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        return Ending(waitStatus: status)
    }
}
