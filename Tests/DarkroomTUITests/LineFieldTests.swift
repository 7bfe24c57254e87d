import Testing
@testable import DarkroomTUI

/// The gallery's filter and the sweep editor's axes: one line that scrolls sideways to keep the caret in view.
@Suite struct LineFieldTests {
    /// The field's row as drawn (without the spaces after the text), and the caret's column in it.
    private func drawn(_ text: String, cursor: Int? = nil, width: Int) -> (text: String, caret: Int) {
        var editor = TextEditor(text: text)
        if let cursor {
            _ = editor.apply(.lineStart)
            for _ in 0..<cursor { _ = editor.apply(.right) }
        }
        var buffer = CellBuffer(width: width + 4, height: 2)
        let caret = LineField.draw(editor, in: Rect(x: 2, y: 1, width: width, height: 1), style: Style(), into: &buffer)
        #expect(caret.y == 1)
        return (String(buffer.line(at: 1).dropFirst(2)), caret.x - 2)
    }

    @Test func aShortTextIsShownWholeWithTheCaretAfterIt() {
        let shown = drawn("cat seed:42", width: 20)
        #expect(shown.text == "cat seed:42")
        #expect(shown.caret == 11)
    }

    /// Typing past the edge moves the text left a character at a time; it jumped a whole field's width before.
    @Test func typingPastTheEdgeKeepsTheTextBeforeTheCaretInView() {
        #expect(drawn("abcdefghij", width: 10) == ("bcdefghij", 9))
        #expect(drawn("abcdefghijk", width: 10) == ("cdefghijk", 9))
        #expect(drawn("abcdefghi", width: 10) == ("abcdefghi", 9))
    }

    @Test func theCaretMovedBackShowsTheStartAndWhatFollows() {
        #expect(drawn("abcdefghijklmnop", cursor: 0, width: 10) == ("abcdefghij", 0))
        #expect(drawn("abcdefghijklmnop", cursor: 12, width: 10) == ("defghijklm", 9))
    }

    @Test func wideCharactersAreNeverCutAndCountTwoColumns() {
        #expect(drawn("猫猫猫猫猫猫", width: 7) == ("猫猫猫", 6))
        #expect(drawn("猫猫猫猫猫猫", cursor: 0, width: 7) == ("猫猫猫", 0), "the fourth would cross the edge")
    }
}

/// The two fields that use it, in the app.
@Suite struct LineFieldInTheAppTests {
    typealias F = AppFixtures

    /// A filter longer than its line showed only its last line-width piece, starting mid-word at a multiple of the
    /// width ("/ seed:42" after typing on past the edge); now the text just before the caret stays in view.
    @Test func aLongFilterKeepsWhatWasJustTypedBeforeTheCaret() throws {
        var state = F.stateWithGallery(3)
        _ = AppReducer.reduce(&state, .startFilter)
        let typed = "a lighthouse on a cliff at dusk waves crashing below seed:42"
        _ = AppReducer.reduce(&state, .editFilter(.insert(typed)))
        let rendered = AppView.render(state)
        let line = rendered.lines[1]
        #expect(line.contains("crashing below seed:42"), "\(line)")
        let caret = try #require(rendered.cursor)
        #expect(caret.y == 1)
        #expect(line.dropFirst(caret.x).hasPrefix(" "), "the caret is just after the text")
        #expect(line.dropFirst(caret.x - 7).hasPrefix("seed:42"))
    }

    /// An axis longer than the editor's line was cut with an ellipsis and the caret stuck at the edge.
    @Test func aLongSweepAxisScrollsToTheCaret() throws {
        var state = SweepReducerTests.editing()
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        let axis = "S/R lighthouse," + (1...12).map { "windmill\($0)" }.joined(separator: ",")
        SweepReducerTests.typeAxis(axis, into: &state)
        let rendered = AppView.render(state)
        let caret = try #require(rendered.cursor)
        let line = rendered.lines[caret.y]
        #expect(line.contains("windmill11,windmill12"), "\(line)")
        #expect(!line.contains("…"))
        #expect(line.dropFirst(caret.x - 10).hasPrefix("windmill12"))
    }
}
