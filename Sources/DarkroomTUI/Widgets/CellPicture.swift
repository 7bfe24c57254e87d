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

    /// The picture enlarged to `columns` x `rows` cells, nearest neighbour, as a stand-in while the full rendering
    /// loads (a tile's thumbnail in the preview). Half-block pictures are enlarged by their half-cell samples, so
    /// a cell's top and bottom colours are not repeated as stripes; nil for a picture of other glyphs (quadrants,
    /// ASCII), which enlarge into noise.
    public func enlarged(columns: Int, rows: Int) -> CellPicture? {
        guard columns > 0, rows > 0, self.columns > 0, self.rows > 0 else { return nil }
        // Each cell as two samples, top and bottom: `▀` shows its foreground over its background, a blank its background.
        var samples: [TerminalColor] = []
        samples.reserveCapacity(cells.count * 2)
        for row in 0..<self.rows {
            for half in 0..<2 {
                for column in 0..<self.columns {
                    let cell = cells[row * self.columns + column]
                    switch cell.glyph {
                    case "▀": samples.append(half == 0 ? cell.style.foreground : cell.style.background)
                    case " ": samples.append(cell.style.background)
                    default: return nil
                    }
                }
            }
        }
        let sourceHeight = self.rows * 2
        var enlarged: [ScreenCell] = []
        enlarged.reserveCapacity(columns * rows)
        for row in 0..<rows {
            for column in 0..<columns {
                let x = column * self.columns / columns
                let top = samples[(row * 2) * sourceHeight / (rows * 2) * self.columns + x]
                let bottom = samples[(row * 2 + 1) * sourceHeight / (rows * 2) * self.columns + x]
                enlarged.append(top == bottom ? ScreenCell(glyph: " ", style: Style(foreground: top, background: top))
                                              : ScreenCell(glyph: "▀", style: Style(foreground: top, background: bottom)))
            }
        }
        return CellPicture(columns: columns, rows: rows, cells: enlarged)
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
