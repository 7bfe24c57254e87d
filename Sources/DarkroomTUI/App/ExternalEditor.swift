import DarkroomCore
import DarkroomThreads
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

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
        // Through the shell so EDITOR may carry arguments ("code --wait"); the file name is passed as $1. The editor
        // stays in darkroom's process group: the terminal serves only its foreground group (darkroom's), and an
        // editor in a group of its own (as Foundation's `Process` starts it) failed or stopped (SIGTTIN) at its first
        // read of the keyboard, and the app waited for ever.
        let child: pid_t
        do {
            child = try ChildProcess.spawn("/bin/sh", arguments: ["-c", "\(editor) \"$1\"", "darkroom-editor", file.path], environment: environment)
        } catch {
            return .failed("The shell that starts the editor could not run (\(String(cString: strerror(error.code)))); the prompt is unchanged.")
        }
        let shown = editor.strippingControlCharacters()
        switch ChildProcess.wait(for: child) {
        case .exited(0):
            guard let data = FileManager.default.contents(atPath: file.path) else {
                return .failed("The editor `\(shown)` left no file behind; the prompt is unchanged.")
            }
            return .edited(String(decoding: data, as: UTF8.self))
        // The shell's own statuses for a command it could not find or could not run.
        case .exited(127):
            return .failed("The editor `\(shown)` was not found; set VISUAL or EDITOR to an editor on PATH. The prompt is unchanged.")
        case .exited(126):
            return .failed("The editor `\(shown)` could not be run; check that it is executable. The prompt is unchanged.")
        case .exited(let status):
            return .failed("The editor `\(shown)` exited with status \(status); the prompt is unchanged.")
        case .signaled(let signal):
            return .failed("The editor `\(shown)` was ended by signal \(signal); the prompt is unchanged.")
        }
    }
}
