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
        let (editorArea, footer) = inner.splitBottom(2)
        let promptActive = state.prompt.field == .prompt
        if promptActive, state.prompt.editor.isEmpty {
            buffer.put("Describe the image, then press Enter.", x: editorArea.x, y: editorArea.y, style: theme.dim, limit: editorArea.maxX)
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

    /// Draws the editor's text wrapped at the area's width, scrolled to keep the caret visible; returns the
    /// caret's screen position.
    static func drawEditor(_ editor: TextEditor, in area: Rect, style: Style, into buffer: inout CellBuffer) -> (x: Int, y: Int) {
        // Lay out every character on visual rows (wrapping by character keeps caret mapping exact).
        var rows: [[Character]] = [[]]
        var rowWidths = [0]
        var caret = (column: 0, row: 0)
        for (index, character) in editor.characters.enumerated() {
            if index == editor.cursor { caret = (rowWidths[rows.count - 1], rows.count - 1) }
            if character == "\n" {
                rows.append([])
                rowWidths.append(0)
                continue
            }
            let width = TextWidth.of(character)
            if rowWidths[rows.count - 1] + width > area.width {
                rows.append([])
                rowWidths.append(0)
                if index == editor.cursor { caret = (0, rows.count - 1) }
            }
            rows[rows.count - 1].append(character)
            rowWidths[rows.count - 1] += width
        }
        if editor.cursor == editor.characters.count {
            caret = (rowWidths[rows.count - 1], rows.count - 1)
            if caret.column >= area.width { caret = (0, rows.count) }
        }
        let firstRow = max(0, caret.row - area.height + 1)
        for (offset, row) in rows.dropFirst(firstRow).prefix(area.height).enumerated() {
            buffer.put(String(row), x: area.x, y: area.y + offset, style: style, limit: area.maxX)
        }
        return (area.x + caret.column, area.y + caret.row - firstRow)
    }
}
