import DarkroomCore
import Foundation

/// Edits text in `$VISUAL`/`$EDITOR` (vi when neither is set), handing the terminal over while it runs.
public enum ExternalEditor {
    /// What came back from the editor: the edited text, or why there is none (a sentence for the status line).
    public enum Outcome: Sendable, Equatable {
        case edited(String)
        case failed(String)
    }

    static func edit(_ text: String, screen: any TerminalScreen,
                     environment: [String: String] = ProcessInfo.processInfo.environment) -> Outcome {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("darkroom-prompt-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try Data(text.utf8).write(to: file)
        } catch {
            return .failed("The prompt could not be handed to the editor (\(error.fileSystemReason)); the prompt is unchanged.")
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
            return .failed("The shell that starts the editor could not run (\(error.fileSystemReason)); the prompt is unchanged.")
        }
        let shown = editor.strippingControlCharacters()
        switch (process.terminationReason, process.terminationStatus) {
        case (.exit, 0):
            guard let data = FileManager.default.contents(atPath: file.path) else {
                return .failed("The editor `\(shown)` left no file behind; the prompt is unchanged.")
            }
            return .edited(String(decoding: data, as: UTF8.self))
        // The shell's own statuses for a command it could not find or could not run.
        case (.exit, 127):
            return .failed("The editor `\(shown)` was not found; set VISUAL or EDITOR to an editor on PATH. The prompt is unchanged.")
        case (.exit, 126):
            return .failed("The editor `\(shown)` could not be run; check that it is executable. The prompt is unchanged.")
        case (.exit, let status):
            return .failed("The editor `\(shown)` exited with status \(status); the prompt is unchanged.")
        case (_, let signal):
            return .failed("The editor `\(shown)` was ended by signal \(signal); the prompt is unchanged.")
        }
    }
}
