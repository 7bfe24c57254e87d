import DarkroomCore
import DarkroomTerminal

/// The prompt panel: the prompt (and negative prompt) editors with the caret, and the length against the
/// model's limit.
enum PromptView {
    static func draw(_ state: AppState, in rect: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        let focused = state.focus == .prompt && state.overlay == nil
        let title = state.prompt.field == .negative ? "Prompt · editing negative prompt" : "Prompt"
        let inner = Panel.draw(title, in: rect, focused: state.focus == .prompt, theme: theme, into: &buffer)
        guard inner.height >= 3, inner.width >= 10 else { return }
        let model = state.model
        let (editorArea, footer) = Self.areas(inside: inner)
        let promptActive = state.prompt.field == .prompt
        if promptActive, state.prompt.editor.isEmpty {
            // Wrapped, not cut: at 80x24 the panel is a column short of the sentence.
            for (row, line) in TextWrap.lines("Describe the image, then press Enter.", width: editorArea.width).prefix(editorArea.height).enumerated() {
                buffer.put(line, x: editorArea.x, y: editorArea.y + row, style: theme.dim, limit: editorArea.maxX)
            }
        }
        let activeEditor = promptActive ? state.prompt.editor : state.prompt.negativeEditor
        let caret = drawEditor(activeEditor, in: editorArea, style: theme.normal, into: &buffer)
        if focused { buffer.cursor = caret }

        let negativeLine = footer.y
        let negativeText: String
        let negativeStyle: Style
        if !model.supportsNegativePrompt {
            negativeText = "no negative prompt for \(model.displayName)"
            negativeStyle = theme.dim
        } else if promptActive {
            negativeText = state.prompt.negativeEditor.isEmpty ? "Ctrl-T: negative prompt" : "not: " + state.prompt.negativeEditor.text
            negativeStyle = theme.dim
        } else {
            negativeText = "prompt: " + state.prompt.editor.text
            negativeStyle = theme.dim
        }
        buffer.put(TextWidth.truncate(negativeText.replacing("\n", with: " "), toColumns: footer.width, ellipsis: theme.ellipsis),
                   x: footer.x, y: negativeLine, style: negativeStyle)

        let count = (promptActive ? state.prompt.editor : state.prompt.negativeEditor).characterCount
        let countText = "\(count)/\(model.maxPromptLength) chars"
        let countStyle = count > model.maxPromptLength ? theme.error : theme.dim
        buffer.put(countText, x: footer.maxX - TextWidth.of(countText), y: footer.y + 1, style: countStyle)
    }

    /// Draws the editor's text wrapped between words at the area's width, as a text area does, scrolled to keep the
    /// caret visible; returns the caret's screen position. An area of one row (a very short terminal) is a line
    /// field, scrolled sideways.
    static func drawEditor(_ editor: TextEditor, in area: Rect, style: Style, into buffer: inout CellBuffer) -> (x: Int, y: Int) {
        guard area.height > 1 else { return LineField.draw(editor, in: area, style: style, into: &buffer) }
        let (layout, caret, firstRow) = scrolled(editor, in: area)
        for (offset, row) in layout.rows.dropFirst(firstRow).prefix(area.height).enumerated() {
            buffer.put(String(row), x: area.x, y: area.y + offset, style: style, limit: area.maxX)
        }
        return (area.x + caret.column, area.y + caret.row - firstRow)
    }

    /// The editor's text and, under it, the footer's two lines (the negative prompt, the length), inside the panel.
    static func areas(inside inner: Rect) -> (editor: Rect, footer: Rect) {
        let (editor, footer) = inner.splitBottom(2)
        return (editor, footer)
    }

    /// The position in `editor` of the character drawn at cell `x`, `y` of `area` (the caret goes before it): the
    /// last one on that row starting at or left of the cell, so a click past a line's end goes to its end, and one
    /// below the text to the text's end. Nil outside the area, or in a one-row line field.
    static func position(in editor: TextEditor, area: Rect, x: Int, y: Int) -> Int? {
        guard area.height > 1, area.contains(x: x, y: y) else { return nil }
        let (layout, _, firstRow) = scrolled(editor, in: area)
        let (row, column) = (firstRow + y - area.y, x - area.x)
        guard row <= layout.end.row else { return editor.characters.count }
        // Every place the caret can stand, the end of the text included.
        let places = layout.positions + [layout.end]
        return places.indices.last { places[$0].row == row && places[$0].column <= column }
    }

    /// The editor wrapped to `area`'s width, its caret's row and column, and the first row shown: scrolled to keep the
    /// caret visible.
    private static func scrolled(_ editor: TextEditor, in area: Rect) -> (layout: WrappedText, caret: (row: Int, column: Int), firstRow: Int) {
        let layout = WrappedText(editor.characters, width: area.width)
        var caret = editor.cursor < layout.positions.count ? layout.positions[editor.cursor] : layout.end
        // Past the edge (after a full row, or on a space hanging there) the caret waits where typing goes on.
        if caret.column >= area.width { caret = (row: caret.row + 1, column: 0) }
        return (layout, caret, max(0, caret.row - area.height + 1))
    }
}

/// Characters laid out on rows of at most `width` columns, with each one's row and column, so the caret maps exactly.
/// A word that would cross the edge starts the next row, and the spaces before it stay at the end of theirs (past
/// the edge if need be, unseen), so no row starts with a space; a word longer than a row is cut after its last slash or
/// hyphen (`LineBreaking.lastBreakAfterSeparator`), else between characters but never before closing punctuation
/// (`LineBreaking.neverStartsALine`), as the other wrapped text is.
struct WrappedText {
    private(set) var rows: [[Character]] = [[]]
    private(set) var positions: [(row: Int, column: Int)] = []
    private var widths = [0]
    /// In the last row, how many characters come up to and including its last space: where a word may move from.
    private var wordStart: Int?

    init(_ characters: [Character], width: Int) {
        for character in characters {
            if character == "\n" {
                positions.append((rows.count - 1, widths[widths.count - 1]))
                startRow()
                continue
            }
            let characterWidth = TextWidth.of(character)
            if character == " " {
                place(character, width: characterWidth)
                wordStart = rows[rows.count - 1].count
                continue
            }
            if widths[widths.count - 1] + characterWidth > width {
                let row = rows[rows.count - 1]
                if let start = wordStart, start < row.count {
                    moveLastWordToANewRow(from: start)
                } else if wordStart == nil, let split = LineBreaking.lastBreakAfterSeparator(in: row) {
                    moveLastWordToANewRow(from: split)
                } else if LineBreaking.neverStartsALine.contains(character), row.count > 1, row.last != " " {
                    // Closing punctuation never starts a row (kinsoku shori): the character before it comes along.
                    moveLastWordToANewRow(from: row.count - 1)
                }
                if widths[widths.count - 1] > 0, widths[widths.count - 1] + characterWidth > width { startRow() }
            }
            place(character, width: characterWidth)
        }
    }

    /// Where the caret stands after the last character.
    var end: (row: Int, column: Int) { (rows.count - 1, widths[widths.count - 1]) }

    private mutating func place(_ character: Character, width: Int) {
        positions.append((rows.count - 1, widths[widths.count - 1]))
        rows[rows.count - 1].append(character)
        widths[widths.count - 1] += width
    }

    private mutating func startRow() {
        rows.append([])
        widths.append(0)
        wordStart = nil
    }

    /// The characters from `start` in the last row (its last word, or what follows a break inside a word too wide for
    /// it) are the last ones placed: they move down.
    private mutating func moveLastWordToANewRow(from start: Int) {
        let word = Array(rows[rows.count - 1][start...])
        rows[rows.count - 1].removeLast(word.count)
        widths[widths.count - 1] = rows[rows.count - 1].reduce(0) { $0 + TextWidth.of($1) }
        positions.removeLast(word.count)
        startRow()
        for character in word { place(character, width: TextWidth.of(character)) }
    }
}
