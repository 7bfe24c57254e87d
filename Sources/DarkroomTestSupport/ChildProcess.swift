import CPseudoTerminal
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Programs started with posix_spawn rather than Foundation's `Process`, for children Foundation cannot watch.
///
/// `Process` learns that a child ended when a socket the child inherited closes, then waits for it without a
/// timeout on the thread that watches every `Process`. A program that closes the descriptors it inherited (sshd
/// does at start) therefore looks finished, and that wait blocks every other `Process` of the test run until it
/// really ends.
enum ChildProcess {
    /// posix_spawn's error number.
    struct SpawnFailure: Error {
        let code: Int32
    }

    /// Starts `executable` with `arguments` and exactly `environment`. `files` sets up its standard descriptors;
    /// nothing else of this process reaches it (descriptors other code opened without close-on-exec, pipes of
    /// other tests' peers among them, would be held open by it). Every signal is at its default and none is blocked:
    /// the spawning thread may block some (Dispatch threads block SIGTERM) and the child would inherit that.
    /// With `newSession` the child leads a session of its own (the files are opened after setsid, so a terminal
    /// opened there becomes its controlling terminal).
    static func spawn(_ executable: String, arguments: [String], environment: [String: String], newSession: Bool = false,
                      files: (inout posix_spawn_file_actions_t) -> Void) throws(SpawnFailure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        files(&actions)
        _ = darkroom_pty_spawn_close_from(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        let setsid: Int32 = 0x80  // POSIX_SPAWN_SETSID, a GNU extension the Glibc module does not import
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | (newSession ? setsid : 0)))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child = pid_t()
        let spawned = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw SpawnFailure(code: spawned) }
        return child
    }
}
