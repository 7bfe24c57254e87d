import DarkroomTerminal

/// A bordered box with a title; the border is highlighted when the panel has focus.
public enum Panel {
    /// Draws the frame and returns the area inside it.
    @discardableResult
    public static func draw(_ title: String, in rect: Rect, focused: Bool, theme: Theme, into buffer: inout CellBuffer) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let style = focused ? theme.focusedBorder : theme.border
        let box = theme.box
        let horizontal = String(repeating: box.horizontal, count: rect.width - 2)
        buffer.put(String(box.topLeft) + horizontal + String(box.topRight), x: rect.x, y: rect.y, style: style)
        buffer.put(String(box.bottomLeft) + horizontal + String(box.bottomRight), x: rect.x, y: rect.maxY - 1, style: style)
        for row in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.put(String(box.vertical), x: rect.x, y: row, style: style)
            buffer.put(String(box.vertical), x: rect.maxX - 1, y: row, style: style)
        }
        let label = " " + TextWidth.truncate(title, toColumns: max(0, rect.width - 6), ellipsis: theme.ellipsis) + " "
        buffer.put(label, x: rect.x + 2, y: rect.y, style: focused ? theme.focusedBorder.adding(.reverse) : theme.title, limit: rect.maxX - 1)
        let inner = rect.inset(by: 1)
        buffer.fill(inner)
        return inner
    }
}
