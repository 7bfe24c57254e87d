import CPseudoTerminal
import DarkroomThreads

#if canImport(Glibc)
import Glibc
#endif

extension ChildProcess {
    /// `spawn`, with nothing else of this process reaching the child: tests run in parallel, and descriptors other
    /// code opened without close-on-exec (pipes of other tests' peers among them) would be held open by it.
    static func spawnAlone(_ executable: String, arguments: [String], environment: [String: String], newSession: Bool = false,
                           files: (inout posix_spawn_file_actions_t) -> Void) throws(SpawnFailure) -> pid_t {
        try spawn(executable, arguments: arguments, environment: environment, newSession: newSession) { actions in
            files(&actions)
            _ = darkroom_pty_spawn_close_from(&actions, 3)
        }
    }
}
