import DarkroomTUITesting
import Testing
@testable import DarkroomTUI

/// `$EDITOR` runs through the shell with the prompt's file as its argument; each way it can fail says which.
@Suite struct ExternalEditorTests {
    private func edit(_ text: String, editor: String) -> ExternalEditor.Outcome {
        ExternalEditor.edit(text, screen: RecordingTerminal(width: 80, height: 24), environment: ["EDITOR": editor, "PATH": "/usr/bin:/bin"])
    }

    @Test func theEditorsFileComesBack() {
        // EDITOR may carry arguments; the file name follows them.
        #expect(edit("old", editor: "printf 'a lighthouse' >") == .edited("a lighthouse"))
        #expect(edit("kept as it was", editor: "true") == .edited("kept as it was"))
    }

    @Test func eachFailureSaysWhatWentWrong() {
        #expect(edit("x", editor: "/nonexistent/editor")
            == .failed("The editor `/nonexistent/editor` was not found; set VISUAL or EDITOR to an editor on PATH. The prompt is unchanged."))
        #expect(edit("x", editor: "/etc")
            == .failed("The editor `/etc` could not be run; check that it is executable. The prompt is unchanged."))
        #expect(edit("x", editor: "false") == .failed("The editor `false` exited with status 1; the prompt is unchanged."))
        #expect(edit("x", editor: "kill -KILL $$; :") == .failed("The editor `kill -KILL $$; :` was ended by signal 9; the prompt is unchanged."))
    }
}
