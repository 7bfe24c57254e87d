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
        // Through the shell so EDITOR may carry arguments ("code --wait"); the file name is passed as $1.
        let ending = run(["/bin/sh", "-c", "\(editor) \"$1\"", "darkroom-editor", file.path], environment: environment)
        let shown = editor.strippingControlCharacters()
        switch ending {
        case .notStarted(let code):
            return .failed("The shell that starts the editor could not run (\(String(cString: strerror(code)))); the prompt is unchanged.")
        case .exit(0):
            guard let data = FileManager.default.contents(atPath: file.path) else {
                return .failed("The editor `\(shown)` left no file behind; the prompt is unchanged.")
            }
            return .edited(String(decoding: data, as: UTF8.self))
        // The shell's own statuses for a command it could not find or could not run.
        case .exit(127):
            return .failed("The editor `\(shown)` was not found; set VISUAL or EDITOR to an editor on PATH. The prompt is unchanged.")
        case .exit(126):
            return .failed("The editor `\(shown)` could not be run; check that it is executable. The prompt is unchanged.")
        case .exit(let status):
            return .failed("The editor `\(shown)` exited with status \(status); the prompt is unchanged.")
        case .signal(let signal):
            return .failed("The editor `\(shown)` was ended by signal \(signal); the prompt is unchanged.")
        }
    }

    enum Ending {
        case exit(Int32)
        case signal(Int32)
        /// posix_spawn's error number.
        case notStarted(Int32)
    }

    /// Runs `arguments` on the terminal and waits for it to end.
    ///
    /// posix_spawn rather than Foundation's `Process`, which starts a child in a process group of its own. The
    /// terminal serves only its foreground group (darkroom's), so such an editor's first read of the keyboard
    /// failed or stopped it (SIGTTIN), and the app waited for ever. Here it stays in darkroom's group, with every
    /// signal at its default and none blocked, whatever the app's own handlers and threads do.
    private static func run(_ arguments: [String], environment: [String: String]) -> Ending {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) }, envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + envp).forEach { free($0) } }
        var child = pid_t()
        let spawned = posix_spawn(&child, arguments[0], nil, &attributes, argv + [nil], envp + [nil])
        guard spawned == 0 else { return .notStarted(spawned) }
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as they are macros.
        let signal = status & 0x7F
        return signal == 0 ? .exit((status >> 8) & 0xFF) : .signal(signal)
    }
}
