import DarkroomTestSupport
import Foundation
import Testing

/// A tmux server on a private socket with one session, `app`, driven by send-keys and read back with
/// capture-pane: a real terminal for the built app, with no X server.
///
/// Every wait here is asynchronous (tmux runs off the cooperative pool, polls sleep as tasks), so a long test
/// never holds one of the pool's few threads while other suites need them.
struct Tmux {
    static let available = (try? Subprocess.run(["tmux", "-V"]).status) == 0

    let socket = "darkroom-test-\(UUID().uuidString.prefix(8))"

    @discardableResult
    func run(_ arguments: [String]) async throws -> Subprocess.Result {
        try await Subprocess.run(["tmux", "-L", socket] + arguments)
    }

    /// Types `text` literally, then presses Enter.
    func type(_ text: String) async throws {
        try await run(["send-keys", "-t", "app", "-l", text])
        try await run(["send-keys", "-t", "app", "Enter"])
    }

    func screen() async throws -> String {
        try await run(["capture-pane", "-p", "-t", "app"]).standardOutput
    }

    /// Polls the pane until `condition` holds, failing with the last screen after `seconds`.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 60, _ condition: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try await screen()
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TmuxTimeout(waitingFor: what, screen: last)
    }

    /// Starts the session from a child that closes every inherited descriptor: the tmux server forked by
    /// `new-session` would otherwise keep the test's capture pipes open, and reading them would never end.
    /// It also clears the signal mask the test runner's threads pass on: with SIGHUP blocked, the pane's shell
    /// outlived `kill-server`, and so did the server.
    func startSession(width: Int, height: Int, command: String) async throws {
        let launcher = "import signal, subprocess, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); "
            + "sys.exit(subprocess.run(sys.argv[1:], close_fds=True, "
            + "stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode)"
        let result = try await Subprocess.run(["python3", "-c", launcher, "tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d",
                                               "-s", "app", "-x", "\(width)", "-y", "\(height)", command])
        try #require(result.status == 0, "tmux new-session failed: \(result.output)")
    }

    func sessionIsAlive() async -> Bool {
        (try? await run(["has-session", "-t", "app"]).status) == 0
    }

    /// Waits up to `seconds` for the session's program to end (the session ends with it); whether it did.
    func waitForSessionEnd(seconds: Double) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while await sessionIsAlive(), Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        return await !sessionIsAlive()
    }

    /// The process running in the pane: the session's command, or what it `exec`ed.
    func paneProcess() async throws -> Int32 {
        let pid = try await run(["display-message", "-p", "-t", "app", "#{pane_pid}"]).standardOutput
        return try #require(Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines)), "tmux gave no pane pid: \(pid)")
    }

    func killServer() {
        _ = try? Subprocess.run(["tmux", "-L", socket, "kill-server"])
    }

    /// `program` under `env` with its own XDG folders below `home` (data in `home/data`), a UTF-8 locale and a
    /// 256-colour terminal, quoted as one shell command line (tmux's, or a remote one for ssh).
    static func isolated(_ program: [String], home: URL) -> String {
        Subprocess.commandLine([
            "env", "XDG_DATA_HOME=\(home.appendingPathComponent("data").path)",
            "XDG_CACHE_HOME=\(home.appendingPathComponent("cache").path)",
            "XDG_CONFIG_HOME=\(home.appendingPathComponent("config").path)", "HOME=\(home.path)",
            "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=xterm-256color",
        ] + program)
    }
}

struct TmuxTimeout: Error, CustomStringConvertible {
    let waitingFor: String
    let screen: String
    var description: String { "timed out waiting for \(waitingFor); the screen was:\n\(screen)" }
}
