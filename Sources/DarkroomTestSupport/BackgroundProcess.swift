import CPseudoTerminal
import DarkroomThreads
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A program a test starts and talks to while it runs (moto, `darkroom serve`, Xvfb, a TLS peer), or runs to the end
/// (`Subprocess`): spawned by `ChildProcess`, with nothing of this process but the standard streams reaching it,
/// every signal at its default and standard input on /dev/null.
///
/// Not Foundation's `Process`, which the test process, running hundreds of children from suites in parallel, should
/// not lean on: on Linux it copies a whole 256-byte `d_name` of each `/proc/self/fd` entry when it spawns (a read
/// past the directory buffer that AddressSanitizer reports once many descriptors are open), learns of every exit
/// through a socket pair and a callback on one shared run-loop thread that blocks in `waitpid` (a child that closes
/// the socket it inherited, as sshd does, looks ended and holds up every other `Process`). Here a child is a pid,
/// its pipes and `waitid`.
public final class BackgroundProcess: Sendable {
    /// Where a standard stream of the program goes.
    public enum Stream: Sendable {
        case discarded
        /// Into a pipe this side reads (`standardOutput`, `standardError`).
        case piped
    }

    /// The program's process id; it stays the program's until `waitForExit` has collected its ending.
    public let processIdentifier: pid_t
    /// The program's standard output, when it is `.piped`.
    public let standardOutput: PipeReader?
    /// The program's standard error, when it is `.piped`.
    public let standardError: PipeReader?
    private let ending = Mutex<ChildProcess.Ending?>(nil)

    /// Starts `arguments[0]`, looked up on the `PATH` of `environment` (this process's own when nil).
    public init(_ arguments: [String], environment: [String: String]? = nil, standardOutput output: Stream = .discarded,
                standardError errors: Stream = .discarded) throws {
        let program = arguments.first ?? ""
        let outputPipe = try output == .piped ? Self.pipe(for: program) : nil
        let errorPipe: (read: Int32, write: Int32)?
        do {
            errorPipe = try errors == .piped ? Self.pipe(for: program) : nil
        } catch {
            outputPipe.map { close($0.read); close($0.write) }
            throw error
        }
        defer { [outputPipe?.write, errorPipe?.write].compactMap { $0 }.forEach { close($0) } }
        do {
            processIdentifier = try ChildProcess.spawnAlone(
                "/usr/bin/env", arguments: arguments, environment: environment ?? ProcessInfo.processInfo.environment
            ) { actions in
                posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
                for (descriptor, pipe) in [(STDOUT_FILENO, outputPipe), (STDERR_FILENO, errorPipe)] {
                    if let pipe {
                        posix_spawn_file_actions_adddup2(&actions, pipe.write, descriptor)
                    } else {
                        posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
                    }
                }
            }
        } catch {
            [outputPipe?.read, errorPipe?.read].compactMap { $0 }.forEach { close($0) }
            throw BackgroundProcessError(program: program, code: error.code)
        }
        standardOutput = outputPipe.map { PipeReader(descriptor: $0.read) }
        standardError = errorPipe.map { PipeReader(descriptor: $0.read) }
    }

    deinit {
        if ending.withLock({ $0 }) == nil { kill() }
    }

    /// Whether the program has not ended yet. Looks without collecting the ending, so the pid stays the program's.
    public var isRunning: Bool {
        ending.withLock({ $0 }) == nil && !waitWithoutCollecting(blocking: false)
    }

    /// Sends the program `signal`, unless its ending was collected (its pid may belong to another process by then).
    public func signal(_ signal: Int32) {
        ending.withLock { ended in
            if ended == nil { Glibc.kill(processIdentifier, signal) }
        }
    }

    /// Waits for the program to end and returns how it did; every caller gets the same answer.
    @discardableResult
    public func waitForExit() -> ChildProcess.Ending {
        // Wait without collecting, outside the lock (so `signal` and `isRunning` go on answering), then collect once.
        _ = waitWithoutCollecting(blocking: true)
        return ending.withLock { ended in
            if let ended { return ended }
            let collected = ChildProcess.wait(for: processIdentifier)
            ended = collected
            return collected
        }
    }

    /// Asks the program to stop (SIGTERM), allows it `grace` to do so, then kills it; returns how it ended.
    @discardableResult
    public func stop(grace: Duration = .seconds(10)) -> ChildProcess.Ending {
        signal(SIGTERM)
        let deadline = ContinuousClock.now + grace
        while isRunning, ContinuousClock.now < deadline { usleep(20_000) }
        signal(SIGKILL)
        return waitForExit()
    }

    /// Kills the program (SIGKILL) and waits for it to end; for programs with nothing to flush.
    @discardableResult
    public func kill() -> ChildProcess.Ending {
        signal(SIGKILL)
        return waitForExit()
    }

    /// Reads standard output and standard error (those that are piped) to their ends together, so a program that
    /// fills one pipe while this side waits on the other cannot deadlock.
    public func readOutputToEnd() -> (output: [UInt8], errors: [UInt8]) {
        PipeReader.readToEnd(output: standardOutput, errors: standardError)
    }

    /// Whether the program has ended (or its ending was collected already), leaving the ending to be collected:
    /// WNOWAIT keeps an ended child waitable, so its pid cannot pass to another process meanwhile.
    private func waitWithoutCollecting(blocking: Bool) -> Bool {
        var info = siginfo_t()
        while true {
            if waitid(P_PID, id_t(processIdentifier), &info, WEXITED | WNOWAIT | (blocking ? 0 : WNOHANG)) == 0 {
                // With WNOHANG and nothing ended, waitid returns 0 and leaves si_pid at zero.
                return info._sifields._kill.si_pid != 0
            }
            if errno != EINTR { return true }  // ECHILD: collected already
        }
    }

    private static func pipe(for program: String) throws -> (read: Int32, write: Int32) {
        // Close-on-exec: a child another test spawns meanwhile must not hold this program's pipe open.
        var ends: [Int32] = [-1, -1]
        let failure = darkroom_pipe_open(&ends)
        guard failure == 0 else { throw BackgroundProcessError(program: program, code: failure) }
        return (ends[0], ends[1])
    }
}

/// A program could not be started.
public struct BackgroundProcessError: Error, CustomStringConvertible {
    public let program: String
    public let code: Int32

    public var description: String { "\(program) could not be started: \(String(cString: strerror(code)))" }
}

/// The read end of a pipe from a `BackgroundProcess`; one thread reads it at a time.
public final class PipeReader: Sendable {
    /// The descriptor, and what `readLine` read past its line; nil once closed.
    private let state: Mutex<(descriptor: Int32, unread: [UInt8])?>

    init(descriptor: Int32) {
        state = Mutex((descriptor, []))
    }

    deinit { close() }

    /// The next bytes the program wrote, waiting for them; empty at the end of the output (or once closed).
    public func read() -> [UInt8] {
        state.withLock { state in
            guard let open = state else { return [] }
            if !open.unread.isEmpty {
                state?.unread = []
                return open.unread
            }
            return Self.readChunk(open.descriptor) ?? []
        }
    }

    /// The next line, without its newline; what follows it stays for the next read. Nil at the end of the output
    /// before a newline came.
    public func readLine() -> String? {
        state.withLock { state -> String? in
            guard var open = state else { return nil }
            defer { state = open }
            while true {
                if let newline = open.unread.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: open.unread[..<newline], as: UTF8.self)
                    open.unread.removeSubrange(...newline)
                    return line
                }
                guard let chunk = Self.readChunk(open.descriptor), !chunk.isEmpty else { return nil }
                open.unread += chunk
            }
        }
    }

    /// Everything the program writes from here to the end of its output.
    public func readToEnd() -> [UInt8] {
        Self.readToEnd(output: self, errors: nil).output
    }

    /// Closes this end: a program that writes on then gets SIGPIPE, as when `| head` has read enough.
    public func close() {
        state.withLock { state in
            if let open = state { _ = Glibc.close(open.descriptor) }
            state = nil
        }
    }

    /// Reads both to their ends together (poll), so the program never blocks on a full pipe while the other is read.
    /// A reader that is absent or closed gives nothing.
    static func readToEnd(output: PipeReader?, errors: PipeReader?) -> (output: [UInt8], errors: [UInt8]) {
        let readers = [output, errors]
        // Bytes a `readLine` read ahead are taken first: poll would not report them.
        var collected: [[UInt8]] = readers.map { $0?.takeUnread() ?? [] }
        var open = readers.indices.filter { (readers[$0]?.descriptor ?? -1) >= 0 }
        while !open.isEmpty {
            var descriptors = open.map { pollfd(fd: readers[$0]?.descriptor ?? -1, events: Int16(POLLIN), revents: 0) }
            guard poll(&descriptors, nfds_t(descriptors.count), -1) >= 0 || errno == EINTR else { break }
            for (index, descriptor) in zip(open, descriptors) where descriptor.revents != 0 {
                let chunk = readers[index]?.read() ?? []
                if chunk.isEmpty { open.removeAll { $0 == index } } else { collected[index] += chunk }
            }
        }
        return (collected[0], collected[1])
    }

    private func takeUnread() -> [UInt8] {
        state.withLock { state in
            defer { state?.unread = [] }
            return state?.unread ?? []
        }
    }

    private var descriptor: Int32 { state.withLock { $0?.descriptor ?? -1 } }

    private static func readChunk(_ descriptor: Int32) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return Array(chunk.prefix(count)) }
            if errno != EINTR { return nil }
        }
    }
}
