/// A rectangle of cells, row-major, independent of any terminal library.
public struct CellGrid: Sendable, Equatable {
    public let columns: Int
    public let rows: Int
    public private(set) var cells: [Cell]

    /// A grid from `columns * rows` cells, row by row.
    public init(columns: Int, rows: Int, cells: [Cell]) {
        precondition(columns >= 0 && rows >= 0 && cells.count == columns * rows, "cell count does not match the grid size")
        self.columns = columns
        self.rows = rows
        self.cells = cells
    }

    public subscript(column column: Int, row row: Int) -> Cell {
        get { cells[row * columns + column] }
        set { cells[row * columns + column] = newValue }
    }
}
