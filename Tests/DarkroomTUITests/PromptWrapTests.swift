import DarkroomTerminal
import Testing
@testable import DarkroomTUI

/// The prompt editor's layout: between words as a text area wraps, each character's place known for the caret.
@Suite struct PromptWrapTests {
    private func rows(_ text: String, width: Int) -> [String] {
        WrappedText(Array(text), width: width).rows.map { String($0) }
    }

    @Test func aWordThatWouldCrossTheEdgeStartsTheNextRowAndNoRowStartsWithASpace() {
        #expect(rows("a cat running a marathon", width: 10) == ["a cat ", "running a ", "marathon"])
        // The space that meets the edge, and any after it, stay at the end of their row (drawn only up to the edge).
        #expect(rows("abcd efghij  k", width: 4) == ["abcd ", "efgh", "ij  ", "k"])
        #expect(rows("one two  three", width: 8) == ["one two  ", "three"])
    }

    @Test func aWordLongerThanTheRowIsCutAndWideCharactersNeverStraddleTheEdge() {
        #expect(rows("supercalifragilistic ok", width: 8) == ["supercal", "ifragili", "stic ok"])
        #expect(rows("猫猫猫 猫", width: 5) == ["猫猫", "猫 猫"])
    }

    /// As everywhere text is wrapped: a name longer than a row breaks after a slash or hyphen that fills a third of
    /// it, and the caret follows what moved down.
    @Test func aLongNameBreaksAfterItsSlashesAndHyphens() {
        #expect(rows("see output-images/20261202T161021Z-7-eb739c8d.png", width: 19)
                == ["see ", "output-images/", "20261202T161021Z-7-", "eb739c8d.png"])
        #expect(rows("a-bcdefghijkl", width: 10) == ["a-bcdefghi", "jkl"])
        let layout = WrappedText(Array("state-of-the-art"), width: 10)
        #expect(layout.rows.map { String($0) } == ["state-of-", "the-art"])
        #expect(layout.positions[9].row == 1 && layout.positions[9].column == 0)
    }

    /// As everywhere text is wrapped: a Japanese prompt's comma or full stop never starts a row, and the caret
    /// follows the character that moved down with it.
    @Test func closingPunctuationNeverStartsARow() {
        #expect(rows("夕暮れの灯台、金色の光。", width: 12) == ["夕暮れの灯", "台、金色の", "光。"])
        #expect(rows("夕暮れの灯台。", width: 12) == ["夕暮れの灯", "台。"])
        let layout = WrappedText(Array("夕暮れの灯台、"), width: 12)
        #expect(layout.positions.map { [$0.row, $0.column] } == [[0, 0], [0, 2], [0, 4], [0, 6], [0, 8], [1, 0], [1, 2]])
        // After a space there is nothing to carry: the mark goes down alone rather than start a row with a space.
        #expect(rows("ab ,", width: 3) == ["ab ", ","])
    }

    @Test func lineBreaksStartRows() {
        #expect(rows("a b\nc", width: 10) == ["a b", "c"])
    }

    /// A prompt panel of one text row (a very short terminal) scrolls sideways as the line fields do.
    @Test func anEditorOfOneRowIsALineField() {
        var buffer = CellBuffer(width: 12, height: 2)
        let caret = PromptView.drawEditor(TextEditor(text: "a cat running a marathon"), in: Rect(x: 1, y: 1, width: 10, height: 1),
                                          style: Style(), into: &buffer)
        #expect(caret == (x: 10, y: 1))
        #expect(buffer.line(at: 1) == "  marathon", "the nine characters before the caret, in the field from x 1")
    }

    @Test func everyCharacterKnowsItsRowAndColumn() {
        let layout = WrappedText(Array("ab cd ef"), width: 5)
        #expect(layout.rows.map { String($0) } == ["ab cd ", "ef"])
        #expect(layout.positions.map { [$0.row, $0.column] } == [[0, 0], [0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [1, 0], [1, 1]])
        #expect(layout.end == (row: 1, column: 2))
    }

    /// Typing on after a space at the edge continues at the start of the next row, where the next word will be.
    @Test func theCaretAfterASpaceAtTheEdgeWaitsAtTheNextRow() {
        var buffer = CellBuffer(width: 20, height: 5)
        let area = Rect(x: 1, y: 1, width: 5, height: 3)
        let caret = PromptView.drawEditor(TextEditor(text: "ab cd "), in: area, style: Style(), into: &buffer)
        #expect(caret == (x: 1, y: 2))
        let middle = PromptView.drawEditor(TextEditor(text: "ab cdef"), in: area, style: Style(), into: &buffer)
        #expect(middle == (x: 5, y: 2))
    }
}
