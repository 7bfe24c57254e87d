import CPseudoTerminal
import DarkroomThreads
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A program (the built `darkroom`) running on a pseudo-terminal of its own, as in a real terminal: its own
/// session with the terminal as controlling terminal, default signal handling, nothing blocked.
///
/// Tests and benchmarks type into it, read what it paints through `ScreenEmulator`, time how long a paint takes
/// after an input or an outside event, send it signals and read its exit status and thread counts from /proc.
/// Use it from one thread at a time.
public final class PseudoTerminal {
    /// The program's process id.
    public let pid: pid_t
    /// The screen as the program painted it so far.
    public let screen: ScreenEmulator
    /// Every byte the program wrote, in order.
    public private(set) var transcript: [UInt8] = []
    private let master: Int32
    private var masterOpen = true
    private var status: ExitStatus?

    /// How a program ended.
    public typealias ExitStatus = ChildProcess.Ending

    /// Starts `executable` with `arguments` and exactly `environment` on a `width`×`height` terminal; with
    /// `cellPixels` the kernel also reports the window's size in pixels (as kitty and xterm do).
    public init(executable: String, arguments: [String] = [], environment: [String: String], width: Int = 100, height: Int = 30,
                cellPixels: (width: Int, height: Int)? = nil) throws {
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: UInt16(width * (cellPixels?.width ?? 0)),
                           ws_ypixel: UInt16(height * (cellPixels?.height ?? 0)))
        // Both ends close-on-exec from the moment they exist (openpty sets no flag): tests run in parallel, and a
        // child another test spawns in between would otherwise inherit this terminal and keep it open.
        var master: Int32 = -1, slave: Int32 = -1
        var name = [CChar](repeating: 0, count: 128)
        let opened = darkroom_pty_open(&master, &slave, &name, name.count, &size)
        guard opened == 0 else { throw PseudoTerminalError.openpty(opened) }
        let slaveName = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The slave stays open here until the child has opened it by name.
        defer { close(slave) }

        let child: pid_t
        do {
            child = try ChildProcess.spawnAlone(executable, arguments: arguments, environment: environment, newSession: true) { actions in
                posix_spawn_file_actions_addopen(&actions, 0, slaveName, O_RDWR, 0)
                posix_spawn_file_actions_adddup2(&actions, 0, 1)
                posix_spawn_file_actions_adddup2(&actions, 0, 2)
            }
        } catch {
            close(master)
            throw PseudoTerminalError.spawn(executable, error.code)
        }
        self.master = master
        pid = child
        screen = ScreenEmulator(width: width, height: height)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        if status == nil {
            kill(pid, SIGKILL)
            _ = try? waitForExit(timeout: .seconds(5))
        }
        if masterOpen { close(master) }
    }

    /// Types `text` (UTF-8) as the keyboard would.
    public func send(_ text: String) {
        send(Array(text.utf8))
    }

    /// Writes raw bytes to the program's input (escape sequences, control characters).
    public func send(_ bytes: [UInt8]) {
        guard masterOpen else { return }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if errno == EAGAIN || errno == EINTR {
                var ready = pollfd(fd: master, events: Int16(POLLOUT), revents: 0)
                _ = poll(&ready, 1, 100)
            } else {
                return
            }
        }
    }

    /// Tells the program its terminal now has `width`×`height` cells (the kernel sends it SIGWINCH).
    public func resize(width: Int, height: Int) {
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        screen.resize(width: width, height: height)
    }

    /// Reads whatever output is ready, waiting up to `timeout` for the first byte; true when something arrived.
    @discardableResult
    public func pump(timeout: Duration) -> Bool {
        pump(timeout: timeout, alsoWatching: []).outputArrived
    }

    /// Like `pump(timeout:)`, also waking when one of `descriptors` becomes readable (the caller reads it);
    /// returns those that did.
    public func pump(timeout: Duration, alsoWatching descriptors: [Int32]) -> (outputArrived: Bool, ready: [Int32]) {
        var fds = [pollfd(fd: masterOpen ? master : -1, events: Int16(POLLIN), revents: 0)] + descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let milliseconds = Int32(clamping: max(0, timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000))
        guard poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return (false, []) }
        let ready = fds.dropFirst().filter { $0.revents != 0 }.map(\.fd)
        guard fds[0].revents != 0 else { return (false, ready) }
        var arrived = false
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            arrived = true
            transcript += buffer[..<count]
            screen.feed(buffer[..<count])
        }
        return (arrived, ready)
    }

    /// Reads output until `condition` holds for the screen; returns the moment the bytes that made it hold were
    /// read. Throws with the screen's text after `timeout`.
    @discardableResult
    public func waitFor(_ what: String, timeout: Duration = .seconds(60), _ condition: (ScreenEmulator) -> Bool) throws -> ContinuousClock.Instant {
        let deadline = ContinuousClock.now + timeout
        if condition(screen) { return .now }
        while ContinuousClock.now < deadline {
            if pump(timeout: min(.milliseconds(200), deadline - .now)), condition(screen) { return .now }
            if let status = try exitStatusIfExited() {
                throw PseudoTerminalError.exited(waitingFor: what, status: status, screen: screen.text)
            }
        }
        throw PseudoTerminalError.timeout(waitingFor: what, screen: screen.text)
    }

    /// Waits until the screen shows `text`.
    @discardableResult
    public func waitFor(text: String, timeout: Duration = .seconds(60)) throws -> ContinuousClock.Instant {
        try waitFor("\"\(text)\" on screen", timeout: timeout) { $0.text.contains(text) }
    }

    /// Sends `signal` to the program.
    public func signal(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Closes the terminal's master side, as a dropped SSH connection or a closed terminal window does: the
    /// kernel hangs the terminal up and sends the program SIGHUP.
    public func hangUp() {
        guard masterOpen else { return }
        masterOpen = false
        close(master)
    }

    /// The exit status once the program ended, reading (and discarding) its output meanwhile.
    public func waitForExit(timeout: Duration = .seconds(30)) throws -> ExitStatus {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let status = try exitStatusIfExited() {
                // What it wrote last (the terminal restored) may still wait in the terminal.
                while pump(timeout: .zero) {}
                return status
            }
            guard ContinuousClock.now < deadline else { throw PseudoTerminalError.timeout(waitingFor: "the program to exit", screen: screen.text) }
            if !pump(timeout: .milliseconds(20)) { usleep(2000) }
        }
    }

    private func exitStatusIfExited() throws -> ExitStatus? {
        if let status { return status }
        var raw: Int32 = 0
        let result = waitpid(pid, &raw, WNOHANG)
        guard result == pid else {
            if result < 0, errno != EINTR { throw PseudoTerminalError.wait(errno) }
            return nil
        }
        let ended = ExitStatus(waitStatus: raw)
        status = ended
        return ended
    }

    /// The program's threads right now (/proc/<pid>/task).
    public var threadCount: Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task").count) ?? 0
    }

    /// Times each live thread of the program gave up the CPU to wait (voluntary context switches), by thread id:
    /// each is one sleep and so one wake-up. A thread that has exited is gone from the list with its count, so a
    /// count over a span samples along the way and keeps each thread's last figure.
    public var voluntaryContextSwitchesByThread: [Int: Int] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        var counts: [Int: Int] = [:]
        for task in tasks {
            guard let id = Int(task), let status = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("voluntary_ctxt_switches:") }),
                  let count = Int(line.split(separator: "\t").last?.trimmingCharacters(in: .whitespaces) ?? "") else { continue }
            counts[id] = count
        }
        return counts
    }
}

/// Why a program could not be run or watched on a pseudo-terminal.
public enum PseudoTerminalError: Error, CustomStringConvertible {
    case openpty(Int32)
    case spawn(String, Int32)
    case wait(Int32)
    case timeout(waitingFor: String, screen: String)
    case exited(waitingFor: String, status: PseudoTerminal.ExitStatus, screen: String)

    public var description: String {
        switch self {
        case .openpty(let code): "No pseudo-terminal could be opened: \(String(cString: strerror(code)))."
        case .spawn(let executable, let code): "\(executable) could not be started: \(String(cString: strerror(code)))."
        case .wait(let code): "Waiting for the program failed: \(String(cString: strerror(code)))."
        case .timeout(let what, let screen): "Timed out waiting for \(what); the screen was:\n\(screen)"
        case .exited(let what, let status, let screen): "The program \(status) while waiting for \(what); the screen was:\n\(screen)"
        }
    }
}
