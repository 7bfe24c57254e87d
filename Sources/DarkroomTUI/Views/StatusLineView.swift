import Foundation

/// The bottom line: a recent message, or where the app is connected; then the focused panel's keys.
enum StatusLineView {
    /// How long a message stays before the connection info comes back.
    static let messageSeconds: TimeInterval = 6

    static func draw(_ state: AppState, in line: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        buffer.fill(line, style: theme.statusBar)
        let left: String
        var leftStyle = theme.statusBar
        if let message = state.message, state.now.timeIntervalSince(state.messageShownAt) < messageSeconds {
            left = message.text
            if message.isError { leftStyle = theme.statusBar.adding(.bold) }
        } else {
            let connection = state.connection
            left = "\(connection.backend) · \(connection.location) · region \(connection.region ?? "-") · profile \(connection.profile ?? "-")"
        }
        let hints = KeyMap.hints(for: state.focus).compactMap { binding in binding.hint.map { "\(binding.label) \($0)" } }
        let right = (hints + [state.focus == .prompt ? "F1 help" : "? help"]).joined(separator: "  ")
        let leftWidth = min(TextWidth.of(left), max(line.width / 2, line.width - TextWidth.of(right) - 2))
        buffer.put(" " + TextWidth.truncate(left, toColumns: leftWidth, ellipsis: theme.ellipsis), x: line.x, y: line.y, style: leftStyle)
        let rightStart = line.x + leftWidth + 3
        buffer.put(TextWidth.truncate(right, toColumns: max(0, line.maxX - rightStart - 1), ellipsis: theme.ellipsis),
                   x: rightStart, y: line.y, style: theme.statusBar)
    }
}
