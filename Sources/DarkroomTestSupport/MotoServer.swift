import DarkroomThreads
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A `moto_server` (the S3-compatible mock from the `moto` Python package) on a free loopback port,
/// started for a test and stopped when the test is done.
///
/// ```swift
/// let moto = try await MotoServer.start()
/// defer { moto.stop() }
/// // point clients at moto.endpoint
/// ```
public final class MotoServer: Sendable {
    /// The loopback port the server listens on.
    public let port: Int
    private let process: BackgroundProcess

    /// `http://127.0.0.1:<port>`, the endpoint URL to give AWS clients.
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, process: BackgroundProcess) {
        self.port = port
        self.process = process
    }

    /// Starts `moto_server` (found on `PATH`, or at `$MOTO_SERVER`) and waits until it answers HTTP.
    /// `environment` adds variables for moto, for example `INITIAL_NO_AUTH_ACTION_COUNT` to turn on
    /// its credential and signature checks after that many requests.
    ///
    /// A port found free can be taken by another test's server before moto binds it; moto then exits at once,
    /// and the start is tried again on another port.
    public static func start(environment: [String: String] = [:], timeout: Duration = .seconds(120)) async throws -> MotoServer {
        // Dozens of suites start a moto each, in parallel: a Python interpreter importing moto takes seconds of CPU,
        // and thirty at once on two cores each missed the deadline. Started a few at a time, each is quick.
        await startGate.enter()
        defer { Task { await startGate.leave() } }
        var attempt = 1
        while true {
            do {
                return try await startOnce(environment: environment, timeout: timeout)
            } catch MotoServerError.exited where attempt < 3 {
                attempt += 1
            }
        }
    }

    private static func startOnce(environment: [String: String], timeout: Duration) async throws -> MotoServer {
        let executable = try locateExecutable()
        let port = try LoopbackPort.free()
        let process: BackgroundProcess
        do {
            process = try BackgroundProcess([executable, "-H", "127.0.0.1", "-p", String(port)],
                                            environment: ProcessInfo.processInfo.environment.merging(environment) { _, added in added })
        } catch {
            throw MotoServerError.launchFailed(executable, String(describing: error))
        }
        let server = MotoServer(port: port, process: process)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !process.isRunning {
                throw MotoServerError.exited(process.waitForExit())
            }
            if answersAsMoto(port: port) { return server }
            try await Task.sleep(for: .milliseconds(100))
        }
        server.stop()
        throw MotoServerError.notReady(port: port, timeout: timeout)
    }

    /// Stops the server and waits for it to exit; calling it again does nothing.
    public func stop() {
        // SIGKILL at once: moto keeps nothing worth flushing.
        process.kill()
    }

    deinit { stop() }

    private static func locateExecutable() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["MOTO_SERVER"], !explicit.isEmpty {
            return explicit
        }
        let folders: [String] = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for folder in folders {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent("moto_server")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
        }
        throw MotoServerError.notInstalled
    }

    /// Sends `GET /` over a plain socket and checks that moto answers: its Werkzeug server, not another
    /// test's server that took the port first.
    private static func answersAsMoto(port: Int) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return false }
        let request = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard send(socketFD, request, request.count, 0) == request.count else { return false }
        var reply = [UInt8](repeating: 0, count: 512)
        let received = recv(socketFD, &reply, reply.count, 0)
        guard received > 0 else { return false }
        let head = String(decoding: reply.prefix(received), as: UTF8.self)
        return head.hasPrefix("HTTP/1.") && head.lowercased().contains("server: werkzeug")
    }
}

/// How many `moto_server`s may be starting at once (running ones are not counted).
private let startGate = StartGate(width: 2)

/// A counting semaphore for async callers, first come first served.
private actor StartGate {
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(width: Int) { available = width }

    func enter() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// Why `moto_server` could not be started.
public enum MotoServerError: Error, CustomStringConvertible {
    case notInstalled
    case launchFailed(String, String)
    case exited(ChildProcess.Ending)
    case notReady(port: Int, timeout: Duration)

    public var description: String {
        switch self {
        case .notInstalled:
            return "moto_server was not found on PATH; install it with `pip install 'moto[server]'` or set MOTO_SERVER."
        case .launchFailed(let path, let reason):
            return "moto_server at \(path) could not be launched (\(reason)); check that it is executable."
        case .exited(let ending):
            return "moto_server \(ending) before answering; run it by hand to see why."
        case .notReady(let port, let timeout):
            return "moto_server did not answer on 127.0.0.1:\(port) within \(timeout); the machine may be overloaded."
        }
    }
}
