import DarkroomTerminal

/// One cell of the screen: a grapheme cluster and its style. A wide character occupies its cell and a
/// continuation cell to its right.
public struct ScreenCell: Hashable, Sendable {
    public var glyph: Character
    public var style: Style
    /// Columns the glyph takes: 1 or 2, or 0 for the right half of a wide glyph.
    public var width: UInt8

    public init(glyph: Character = " ", style: Style = .plain, width: UInt8 = 1) {
        self.glyph = glyph
        self.style = style
        self.width = width
    }

    public static let blank = ScreenCell()
    public var isContinuation: Bool { width == 0 }
}

/// An immediate-mode frame: views draw into it, the terminal layer diffs two frames and writes the difference.
public struct CellBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [ScreenCell]
    /// Where the terminal cursor should be shown after this frame (an editor's caret), or nil to hide it.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (lhs: CellBuffer, rhs: CellBuffer) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursor?.x == rhs.cursor?.x && lhs.cursor?.y == rhs.cursor?.y
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> ScreenCell {
        get { cells[y * width + x] }
    }

    /// Sets one cell, keeping wide glyphs whole: overwriting half of one blanks its other half.
    public mutating func set(x: Int, y: Int, _ cell: ScreenCell) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = ScreenCell(glyph: " ", style: cells[index - 1].style)
        }
        if cells[index].width == 2, x + 1 < width {
            cells[index + 1] = ScreenCell(glyph: " ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    /// Draws `text` from (x, y), clipped at `limit` (exclusive column, default the buffer's edge). Returns the
    /// column after the last glyph drawn. A wide glyph that would straddle the limit is not drawn.
    ///
    /// Each grapheme takes the columns `TextWidth` gives it (what the layout measured), but its cell holds only
    /// what one curses cell can (`TextWidth.singleCellForm`: "❤️" is "❤", a flag its first half, a ZWJ family its
    /// first member); the columns that form does not cover are blanks, so no cell is left to a previous frame.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let edge = min(limit ?? width, width)
        var column = x
        for character in text {
            let layoutWidth = TextWidth.of(character)
            if layoutWidth == 0 { continue }
            if column + layoutWidth > edge { break }
            if column >= 0 {
                let glyph = TextWidth.singleCellForm(of: character)
                let glyphWidth = TextWidth.of(glyph)
                set(x: column, y: y, ScreenCell(glyph: glyph, style: style, width: UInt8(glyphWidth)))
                if glyphWidth == 2 {
                    set(x: column + 1, y: y, ScreenCell(glyph: " ", style: style, width: 0))
                }
                for padding in column + glyphWidth..<column + layoutWidth {
                    set(x: padding, y: y, ScreenCell(glyph: " ", style: style))
                }
            }
            column += layoutWidth
        }
        return column
    }

    /// Fills a rectangle with a glyph in a style.
    public mutating func fill(_ rect: Rect, glyph: Character = " ", style: Style = .plain) {
        let clipped = Rect(x: max(0, rect.x), y: max(0, rect.y),
                           width: min(rect.maxX, width) - max(0, rect.x), height: min(rect.maxY, height) - max(0, rect.y))
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX {
                set(x: x, y: y, ScreenCell(glyph: glyph, style: style))
            }
        }
    }

    /// Changes the style of every cell in a rectangle, keeping the glyphs (selection highlights).
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        for y in max(0, rect.y)..<min(rect.maxY, height) {
            for x in max(0, rect.x)..<min(rect.maxX, width) {
                cells[y * width + x].style = transform(cells[y * width + x].style)
            }
        }
    }

    /// The frame with every non-ASCII glyph replaced, for terminals whose locale is not UTF-8: punctuation the
    /// views use gets an ASCII look-alike, anything else (user text in other scripts) becomes "?".
    public func asciiOnly() -> CellBuffer {
        var copy = self
        for index in copy.cells.indices where !(copy.cells[index].glyph.isASCII) || copy.cells[index].isContinuation {
            let cell = copy.cells[index]
            let replacement: Character = cell.isContinuation ? "?" : (Self.asciiLookAlikes[cell.glyph] ?? "?")
            copy.cells[index] = ScreenCell(glyph: replacement, style: cell.style)
        }
        return copy
    }

    private static let asciiLookAlikes: [Character: Character] = [
        "·": "-", "…": "~", "‹": "<", "›": ">", "✓": "+", "✗": "x", "⊘": "-", "×": "x", "–": "-", "—": "-",
        "“": "\"", "”": "\"", "‘": "'", "’": "'",
    ]

    /// The screen as text, one string per row, trailing blanks removed: how tests compare frames.
    public var lines: [String] {
        (0..<height).map { line(at: $0) }
    }

    /// One row as text, trailing blanks removed.
    public func line(at y: Int) -> String {
        var text = ""
        for x in 0..<width where !cells[y * width + x].isContinuation {
            text.append(cells[y * width + x].glyph)
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Indices of the cells that differ from `previous`, lead cells of wide glyphs included whenever either
    /// half changed. Every cell when the sizes differ.
    public func changedIndices(since previous: CellBuffer?) -> [Int] {
        guard let previous, previous.width == width, previous.height == height else {
            return Array(cells.indices)
        }
        var changed: [Int] = []
        for index in cells.indices where cells[index] != previous.cells[index] {
            if cells[index].isContinuation {
                if changed.last != index - 1 { changed.append(index - 1) }
            } else {
                changed.append(index)
            }
        }
        return changed
    }
}
