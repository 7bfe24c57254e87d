import Foundation
import DarkroomThreads

#if canImport(Glibc)
import Glibc
#endif

/// A private OpenSSH server (`sshd -D`) on a free loopback port, with a host key and a login key made for the
/// test: the app reached the way its users reach it on a remote machine, through sshd's pseudo-terminal, its
/// window-change requests and its hang-up when the connection drops.
///
/// ```swift
/// let sshd = try SSHServer.start()
/// defer { sshd.stop() }
/// let command = sshd.client(running: "darkroom")   // ssh … 127.0.0.1 darkroom, in a terminal of its own
/// ```
///
/// It logs in as the user running the tests (root included: root may log in with a key only).
public final class SSHServer: Sendable {
    /// The loopback port the server listens on.
    public let port: Int
    private let folder: TemporaryDirectory
    private let daemon: BackgroundProcess

    static let daemonPath = "/usr/sbin/sshd"

    /// Why no server can be started here (a test's skip reason), or nil when sshd, ssh and ssh-keygen are installed.
    public static var missing: String? {
        let tools = [daemonPath, "/usr/bin/ssh", "/usr/bin/ssh-keygen"].filter { !FileManager.default.isExecutableFile(atPath: $0) }
        return tools.isEmpty ? nil : "\(tools.joined(separator: ", ")) not installed (openssh-server; scripts/setup.sh --test installs it)"
    }

    /// Makes the keys and the configuration, starts sshd and waits until it sends its version banner. A port
    /// found free can be taken before sshd binds it; sshd then exits, and the start is tried on another port.
    public static func start(timeout: Duration = .seconds(30)) throws -> SSHServer {
        if let missing { throw SSHServerError("No SSH server can be started: \(missing).") }
        let folder = try TemporaryDirectory("darkroom-sshd")
        do {
            try makeKeys(in: folder.url)
            // sshd running as root insists on its privilege-separation folder, which only a running system
            // service would have made.
            if getuid() == 0 { try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true) }
            var attempt = 1
            while true {
                do {
                    return try SSHServer(keysIn: folder, timeout: timeout)
                } catch let error as SSHServerError where error.endedEarly && attempt < 3 {
                    attempt += 1
                }
            }
        } catch {
            folder.remove()
            throw error
        }
    }

    private static func makeKeys(in folder: URL) throws {
        for name in ["host_key", "login_key"] {
            let result = try Subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "darkroom-test", "-f", folder.appendingPathComponent(name).path])
            guard result.status == 0 else { throw SSHServerError("ssh-keygen could not make the test's keys: \(result.output)") }
        }
        try FileManager.default.copyItem(at: folder.appendingPathComponent("login_key.pub"), to: folder.appendingPathComponent("authorized_keys"))
    }

    /// Starts sshd once on a free port with the keys in `folder`. The daemon is stored last, once it answers: an
    /// init that throws before then runs no `deinit`, so a failed try leaves the keys for the next.
    private init(keysIn folder: TemporaryDirectory, timeout: Duration) throws {
        self.folder = folder
        port = try LoopbackPort.free()
        let configuration = folder.url.appendingPathComponent("sshd_config")
        // StrictModes is off because the keys live in a world-readable temporary folder; PAM and the message of
        // the day are off so a session's first screen is the program's.
        try Data("""
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(folder.url.appendingPathComponent("host_key").path)
            AuthorizedKeysFile \(folder.url.appendingPathComponent("authorized_keys").path)
            PidFile none
            StrictModes no
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            PrintMotd no
            PrintLastLog no
            LogLevel ERROR

            """.utf8).write(to: configuration)
        let log = folder.url.appendingPathComponent("sshd.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let daemon: BackgroundProcess
        do {
            // -D: stay in the foreground as the test's child; -E: errors to a file the failure message can quote.
            daemon = try BackgroundProcess([Self.daemonPath, "-D", "-f", configuration.path, "-E", log.path], environment: [:])
        } catch {
            throw SSHServerError("\(error).")
        }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !daemon.isRunning {
                let logged = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw SSHServerError("sshd \(daemon.waitForExit()) before answering: \(logged)", endedEarly: true)
            }
            if Self.sendsBanner(port: port) {
                self.daemon = daemon
                return
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        daemon.kill()
        throw SSHServerError("sshd sent no banner on 127.0.0.1:\(port) within \(timeout); the machine may be overloaded.")
    }

    /// The `ssh` command line that runs `remote` (one shell command line) on this server in a pseudo-terminal of
    /// its own, as `ssh -t host command` does, reading no user configuration and trusting this server's key.
    /// `via` is another loopback port that leads here (a `SlowLink`).
    public func client(running remote: String, via relay: Int? = nil) -> [String] {
        ["ssh", "-tt", "-F", "/dev/null", "-p", String(relay ?? port), "-i", folder.url.appendingPathComponent("login_key").path,
         "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
         "-o", "UserKnownHostsFile=/dev/null", "-o", "GlobalKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
         "127.0.0.1", remote]
    }

    /// What sshd logged (errors only), for failure messages.
    public var log: String {
        (try? String(contentsOf: folder.url.appendingPathComponent("sshd.log"), encoding: .utf8)) ?? ""
    }

    /// Stops the listener and removes the keys; sessions still open end when their clients do. Calling it again
    /// does nothing.
    public func stop() {
        daemon.stop()
        folder.remove()
    }

    deinit { stop() }

    /// Whether an SSH server answers on the port: it speaks first, with `SSH-2.0-…`.
    private static func sendsBanner(port: Int) -> Bool {
        guard let socket = try? LoopbackSocket(port: port) else { return false }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(socket.descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var banner = [UInt8](repeating: 0, count: 64)
        let received = recv(socket.descriptor, &banner, banner.count, 0)
        return received > 0 && String(decoding: banner.prefix(received), as: UTF8.self).hasPrefix("SSH-2.0-")
    }
}

/// Why the SSH server could not be started, in a sentence for the failing test.
public struct SSHServerError: Error, CustomStringConvertible {
    public let description: String
    /// sshd ended before answering, as when another test took the port meanwhile: worth another port.
    let endedEarly: Bool

    init(_ description: String, endedEarly: Bool = false) {
        self.description = description
        self.endedEarly = endedEarly
    }
}
