import Foundation

/// Edits text in `$VISUAL`/`$EDITOR` (vi when neither is set), handing the terminal over while it runs.
enum ExternalEditor {
    /// The edited text, or nil when the editor could not run or exited with an error.
    static func edit(_ text: String, screen: any TerminalScreen,
                     environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("darkroom-prompt-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try Data(text.utf8).write(to: file)
        } catch {
            return nil
        }
        let editor = environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        screen.suspend()
        defer { screen.resume() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Through the shell so EDITOR may carry arguments ("code --wait"); the file name is passed as $1.
        process.arguments = ["-c", "\(editor) \"$1\"", "darkroom-editor", file.path]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return nil
        }
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
