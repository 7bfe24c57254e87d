import DarkroomImaging
import DarkroomTestSupport
import Foundation

/// A private X server (Xvfb) on a display number it picks itself (`-displayfd`), so parallel runs never
/// collide; terminals started on it, screenshots of its root window, and cleanup of everything started.
final class XDisplay: @unchecked Sendable {
    let display: String
    private let server: BackgroundProcess
    private var clients: [BackgroundProcess] = []

    /// Whether every program the real-terminal tests need is installed (scripts/setup.sh installs them).
    static func missing(_ programs: [String]) -> String? {
        let absent = programs.filter { (try? Subprocess.run(["sh", "-c", "command -v \($0)"]).status) != 0 }
        return absent.isEmpty ? nil : "not installed: \(absent.joined(separator: ", ")) (scripts/setup.sh installs them)"
    }

    init(width: Int = 1024, height: Int = 768) throws {
        let server = try BackgroundProcess(["Xvfb", "-displayfd", "1", "-screen", "0", "\(width)x\(height)x24", "-nolisten", "tcp"],
                                           standardOutput: .piped)
        guard let line = server.standardOutput?.readLine(), let number = Int(line.trimmingCharacters(in: .whitespaces)) else {
            let ending = server.stop(grace: .seconds(5))
            throw XDisplayError(message: "Xvfb did not report a display number (it \(ending))")
        }
        display = ":\(number)"
        self.server = server
    }

    /// Starts a program (a terminal) on the display.
    func launch(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["DISPLAY"] = display
        for name in ["TMUX", "TMUX_PANE", "COLORTERM", "TERM_PROGRAM", "NO_COLOR"] { environment[name] = nil }
        // A UTF-8 locale, as a user's terminal has whatever the test run's is: xterm in the C locale reads the
        // app's UTF-8 as Latin-1 and draws each block character as three others.
        environment["LC_ALL"] = "C.UTF-8"
        environment.merge(extra) { $1 }
        clients.append(try BackgroundProcess(arguments, environment: environment))
    }

    /// The whole screen, through ImageMagick's `import`.
    func screenshot(to path: String) throws -> RGBAImage {
        let result = try Subprocess.run(["import", "-display", display, "-window", "root", "png24:\(path)"])
        guard result.status == 0 else { throw XDisplayError(message: "import failed: \(result.output)") }
        return try PNG.decode(contentsOf: path)
    }

    /// Stops the terminals (which hang up their shells), then the server.
    func stop() {
        // SIGTERM and five seconds' grace, then SIGKILL: cleanup never hangs a test run.
        for client in clients { client.stop(grace: .seconds(5)) }
        clients.removeAll()
        server.stop(grace: .seconds(5))
    }

    deinit { stop() }
}

struct XDisplayError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
