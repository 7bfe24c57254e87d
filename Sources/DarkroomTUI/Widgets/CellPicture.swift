import DarkroomImaging

/// A picture made of styled cells (a rendered thumbnail), ready to be copied into a frame.
public struct CellPicture: Hashable, Sendable {
    public let columns: Int
    public let rows: Int
    public let cells: [ScreenCell]

    public init(columns: Int, rows: Int, cells: [ScreenCell]) {
        self.columns = columns
        self.rows = rows
        self.cells = cells
    }

    /// Copies the picture into `buffer` with its top-left corner at `origin`, clipped to `clip`.
    public func draw(into buffer: inout CellBuffer, at origin: (x: Int, y: Int), clip: Rect) {
        for row in 0..<rows where origin.y + row >= clip.y && origin.y + row < clip.maxY {
            for column in 0..<columns where origin.x + column >= clip.x && origin.x + column < clip.maxX {
                buffer.set(x: origin.x + column, y: origin.y + row, cells[row * columns + column])
            }
        }
    }

    /// Approximate bytes held, for the memory bound.
    public var byteCount: Int { cells.count * MemoryLayout<ScreenCell>.stride }
}

extension CellPicture {
    /// A rendered thumbnail's cells in the screen's vocabulary.
    public init(_ grid: CellGrid) {
        self.init(columns: grid.columns, rows: grid.rows, cells: grid.cells.map {
            ScreenCell(glyph: $0.glyph, style: Style(foreground: $0.foreground, background: $0.background))
        })
    }
}
