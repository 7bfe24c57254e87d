import Foundation
import Testing
import DarkroomTestSupport
import DarkroomTUI

@Suite struct TextEditorTests {
    private func editor(_ text: String, cursor: Int? = nil) -> TextEditor {
        var editor = TextEditor(text: text)
        if let cursor {
            editor.apply(.documentStart)
            for _ in 0..<cursor { editor.apply(.right) }
        }
        return editor
    }

    @Test func typingInsertsAtTheCaret() {
        var editor = editor("a cat", cursor: 2)
        editor.apply(.insert("big "))
        #expect(editor.text == "a big cat")
        #expect(editor.cursor == 6)
    }

    @Test func wideAndCombiningCharactersMoveAndDeleteAsOne() {
        var editor = editor("猫e\u{301}x")
        editor.apply(.left)
        editor.apply(.deleteBackward)
        #expect(editor.text == "猫x")
        editor.apply(.deleteBackward)
        #expect(editor.text == "x")
        #expect(editor.cursor == 0)
    }

    @Test func characterCountCountsCodePoints() {
        #expect(TextEditor(text: "e\u{301}猫").characterCount == 3)
    }

    @Test func wordMovementSkipsPunctuationAndSpaces() {
        var editor = editor("a cat, running")
        editor.apply(.wordLeft)
        #expect(editor.cursor == 7)
        editor.apply(.wordLeft)
        #expect(editor.cursor == 2)
        editor.apply(.wordRight)
        #expect(editor.cursor == 5)
    }

    @Test func readlineKillsWorkOnTheCurrentLine() {
        var editor = editor("first line\nsecond line", cursor: 14)
        editor.apply(.killToLineEnd)
        #expect(editor.text == "first line\nsec")
        editor.apply(.killToLineStart)
        #expect(editor.text == "first line\n")
        editor.apply(.insert("one two"))
        editor.apply(.deleteWordBackward)
        #expect(editor.text == "first line\none ")
    }

    @Test func ctrlKAtTheEndOfALineJoinsTheNextLine() {
        var editor = editor("ab\ncd", cursor: 2)
        editor.apply(.killToLineEnd)
        #expect(editor.text == "abcd")
    }

    @Test func upAndDownKeepTheDisplayColumnAndReportEdges() {
        var editor = editor("猫猫cat\nab\nlonger line", cursor: 3)
        #expect(editor.column(of: editor.cursor) == 5)
        #expect(editor.apply(.down) == .moved)
        #expect(editor.cursor == 8)
        #expect(editor.apply(.down) == .moved)
        #expect(editor.cursor == 11)
        #expect(editor.apply(.down) == .atBottomEdge)
        editor.apply(.documentStart)
        #expect(editor.apply(.up) == .atTopEdge)
    }

    @Test func undoRestoresWholeWordsAndKills() {
        var editor = editor("")
        for character in "a cat" { editor.apply(.insert(String(character))) }
        editor.apply(.killToLineStart)
        #expect(editor.text == "")
        editor.apply(.undo)
        #expect(editor.text == "a cat")
        editor.apply(.undo)
        #expect(editor.text == "a")
        editor.apply(.undo)
        #expect(editor.text == "")
        #expect(editor.apply(.undo) == .unchanged)
    }

    @Test func keysMapToReadlineCommands() {
        #expect(TextEditor.command(for: .ctrl("a")) == .lineStart)
        #expect(TextEditor.command(for: .ctrl("e")) == .lineEnd)
        #expect(TextEditor.command(for: .ctrl("k")) == .killToLineEnd)
        #expect(TextEditor.command(for: .ctrl("u")) == .killToLineStart)
        #expect(TextEditor.command(for: .ctrl("w")) == .deleteWordBackward)
        #expect(TextEditor.command(for: .alt("b")) == .wordLeft)
        #expect(TextEditor.command(for: .alt("f")) == .wordRight)
        #expect(TextEditor.command(for: .char("x")) == .insert("x"))
        #expect(TextEditor.command(for: KeyEvent(.enter, .alt)) == .insert("\n"))
    }
}

@Suite struct PromptHistoryTests {
    @Test func walkingBackAndForthReturnsToTheDraft() {
        var history = PromptHistory(entries: ["one", "two"])
        #expect(history.previous(current: "draft") == "two")
        #expect(history.previous(current: "two") == "one")
        #expect(history.previous(current: "one") == nil)
        #expect(history.next() == "two")
        #expect(history.next() == "draft")
        #expect(history.next() == nil)
    }

    @Test func recordingSkipsRepeatsAndKeepsTheLimit() {
        var history = PromptHistory(entries: [], limit: 2)
        history.record("a")
        history.record("a")
        history.record("b")
        history.record("c")
        #expect(history.entries == ["b", "c"])
    }

    @Test func historyPersistsMultiLinePrompts() throws {
        let folder = try TemporaryDirectory("history")
        defer { folder.remove() }
        let file = PromptHistoryFile(url: folder.url.appendingPathComponent("darkroom/history"))
        #expect(file.load().isEmpty)
        try file.save(["a cat\nrunning", "猫 \"quoted\""])
        #expect(file.load() == ["a cat\nrunning", "猫 \"quoted\""])
    }
}
