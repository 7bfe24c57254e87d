import DarkroomImaging
import DarkroomTestSupport
import Foundation

/// A private X server (Xvfb) on a display number it picks itself (`-displayfd`), so parallel runs never
/// collide; terminals started on it, screenshots of its root window, and cleanup of everything started.
final class XDisplay: @unchecked Sendable {
    let display: String
    private let server: Process
    private var clients: [Process] = []

    /// Whether every program the real-terminal tests need is installed (scripts/setup.sh installs them).
    static func missing(_ programs: [String]) -> String? {
        let absent = programs.filter { (try? Subprocess.run(["sh", "-c", "command -v \($0)"]).status) != 0 }
        return absent.isEmpty ? nil : "not installed: \(absent.joined(separator: ", ")) (scripts/setup.sh installs them)"
    }

    /// The test runner blocks SIGTERM and SIGHUP and children inherit the mask: without this wrapper a terminal
    /// or Xvfb would ignore `terminate()`, and a terminal's shell would outlive its window.
    private static let unblockingSignals = [
        "python3", "-c",
        "import os, signal, sys; signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGHUP, signal.SIGINT]); "
            + "os.execvp(sys.argv[1], sys.argv[1:])",
    ]

    init(width: Int = 1024, height: Int = 768) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = Self.unblockingSignals + ["Xvfb", "-displayfd", "1", "-screen", "0", "\(width)x\(height)x24", "-nolisten", "tcp"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let number = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw XDisplayError(message: "Xvfb did not report a display number (it printed \(text.debugDescription))")
        }
        display = ":\(number)"
        server = process
    }

    /// Starts a program (a terminal) on the display.
    func launch(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = Self.unblockingSignals + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DISPLAY"] = display
        for name in ["TMUX", "TMUX_PANE", "COLORTERM", "TERM_PROGRAM", "NO_COLOR"] { environment[name] = nil }
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        clients.append(process)
    }

    /// The whole screen, through ImageMagick's `import`.
    func screenshot(to path: String) throws -> RGBAImage {
        let result = try Subprocess.run(["import", "-display", display, "-window", "root", "png24:\(path)"])
        guard result.status == 0 else { throw XDisplayError(message: "import failed: \(result.output)") }
        return try PNG.decode(contentsOf: path)
    }

    /// Stops the terminals (which hang up their shells), then the server.
    func stop() {
        for client in clients { Self.end(client) }
        clients.removeAll()
        Self.end(server)
    }

    /// SIGTERM, five seconds' grace, then SIGKILL: cleanup never hangs a test run.
    private static func end(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

struct XDisplayError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
