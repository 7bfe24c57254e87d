import DarkroomTerminal

/// A one-line text field that scrolls sideways to keep the caret in view, as a shell's line editor does: the text
/// before the caret fills the field up to its last cell, where the caret stands, so typing past the edge moves the
/// text left a character at a time. The gallery's filter wrapped instead and showed only the row the caret was on,
/// so the text jumped a whole field's width and what came before it vanished; the sweep editor's axes were cut
/// with an ellipsis, and the caret stuck at the edge while the typing went on out of sight.
enum LineField {
    /// Draws `editor`'s text (line breaks as spaces) on `area`'s first row; returns where the caret goes.
    static func draw(_ editor: TextEditor, in area: Rect, style: Style, into buffer: inout CellBuffer) -> (x: Int, y: Int) {
        let characters = editor.characters.map { $0 == "\n" ? " " : $0 }
        let cursor = min(editor.cursor, characters.count)
        // The first character shown: as many before the caret as fit with the caret's own cell after them.
        var first = cursor
        var before = 0
        while first > 0, before + TextWidth.of(characters[first - 1]) < area.width {
            first -= 1
            before += TextWidth.of(characters[first])
        }
        buffer.put(String(characters[first...]), x: area.x, y: area.y, style: style, limit: area.maxX)
        return (area.x + before, area.y)
    }
}
