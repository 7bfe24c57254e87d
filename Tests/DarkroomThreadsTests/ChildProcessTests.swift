import DarkroomTestSupport
import DarkroomThreads
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The one way darkroom starts a child: how it ended, what it inherits (no blocked signal, darkroom's process group,
/// exactly the environment given) and a clear failure when it cannot start.
@Suite struct ChildProcessTests {
    /// Runs `/bin/sh -c script` with its standard output in a file, and returns how it ended and what it printed.
    private func shell(_ script: String, environment: [String: String] = [:]) throws -> (ChildProcess.Ending, String) {
        let folder = try TemporaryDirectory("child-process")
        defer { folder.remove() }
        let output = folder.url.appendingPathComponent("out").path
        let child = try ChildProcess.spawn("/bin/sh", arguments: ["-c", script], environment: environment) { actions in
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        let ending = ChildProcess.wait(for: child)
        return (ending, try String(contentsOfFile: output, encoding: .utf8))
    }

    @Test func anExitStatusAndASignalAreToldApart() throws {
        let (exited, _) = try shell("exit 3")
        #expect(exited == .exited(3))
        #expect(exited.shellStatus == 3)
        let (signaled, _) = try shell("kill -TERM $$")
        #expect(signaled == .signaled(SIGTERM))
        #expect(signaled.shellStatus == 128 + SIGTERM)
        #expect(signaled.description == "killed by signal \(SIGTERM)")
    }

    @Test func theChildGetsExactlyTheEnvironmentGiven() throws {
        let (ending, printed) = try shell("echo \"$GREETING|${HOME-unset}\"", environment: ["GREETING": "hello"])
        #expect(ending == .exited(0))
        #expect(printed == "hello|unset\n")
    }

    /// The app's loop blocks the signals it takes through its pipe, and Dispatch threads block SIGTERM: a child
    /// must not inherit that, or an editor or credential helper could not be interrupted. It shares darkroom's
    /// process group, so it may read the terminal darkroom has in the foreground.
    @Test func theChildBlocksNoSignalAndStaysInThisProcessGroup() throws {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        sigaddset(&blocked, SIGINT)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let (ending, printed) = try shell("grep '^SigBlk:' /proc/self/status; ps -o pgid= -p $$", environment: ["PATH": "/usr/bin:/bin"])
        #expect(ending == .exited(0))
        let lines = printed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "SigBlk:\t0000000000000000")
        #expect(lines.last == String(getpgrp()))
    }

    /// More than a pipe holds (64 KiB), so the reading must go on while the child writes; standard error is dropped.
    @Test func outputIsEverythingTheChildPrintedWithItsEnding() throws {
        let script = "head -c 200000 /dev/zero | tr '\\0' x; echo noise >&2; exit 5"
        let ran = try ChildProcess.output(of: "/bin/sh", arguments: ["-c", script], environment: ["PATH": "/usr/bin:/bin"])
        #expect(ran.ending == .exited(5))
        #expect(ran.output.count == 200_000 && ran.output.allSatisfy { $0 == UInt8(ascii: "x") })
        #expect {
            _ = try ChildProcess.output(of: "/nonexistent/tmux", arguments: [], environment: [:])
        } throws: { error in
            (error as? ChildProcess.SpawnFailure)?.code == ENOENT
        }
    }

    @Test func aProgramThatCannotStartSaysWhy() {
        #expect {
            _ = try ChildProcess.spawn("/nonexistent/editor", arguments: [], environment: [:])
        } throws: { error in
            (error as? ChildProcess.SpawnFailure)?.code == ENOENT
        }
    }
}
