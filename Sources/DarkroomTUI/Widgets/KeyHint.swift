import DarkroomTerminal

/// A key and what it does, as a line of hints offers it ("w sweep"); a line of them is drawn with each key in bold,
/// since the keys are what the eye looks for (Bubble Tea's help and nano's shortcut line set them apart the same way).
struct KeyHint: Equatable, Sendable {
    var keys: String
    var action: String

    init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }

    /// Columns between two hints.
    static let gap = 2

    var width: Int { TextWidth.of(keys) + 1 + TextWidth.of(action) }

    static func width(of hints: [KeyHint]) -> Int {
        hints.reduce(0) { $0 + $1.width } + max(0, hints.count - 1) * gap
    }

    /// Draws `hints` from (`x`, `y`): the keys in `style` made bold, the actions in `style`, nothing past `limit`.
    static func draw(_ hints: [KeyHint], x: Int, y: Int, style: Style, limit: Int, into buffer: inout CellBuffer) {
        var column = x
        for (index, hint) in hints.enumerated() {
            if index > 0 { column += gap }
            column = buffer.put(hint.keys, x: column, y: y, style: style.adding(.bold), limit: limit)
            column = buffer.put(" " + hint.action, x: column, y: y, style: style, limit: limit)
        }
    }
}
