import DarkroomCore
import DarkroomTerminal

/// Where a sweep grid's labels and tiles go inside an area of the preview.
///
/// A grid with more columns or rows than fit at a readable size is shown a page at a time: the page that holds the
/// cursor, so moving the cursor past the edge turns the page (as the gallery's grid scrolls to its selection).
struct SweepGridLayout: Hashable, Sendable {
    /// The narrowest tile worth drawing: six columns hold a three-digit value's label and a picture that can still
    /// be told from its neighbours; narrower, 35 columns of "1…" labels said nothing. One row is a picture still.
    static let minimumTile = (columns: 6, rows: 1)

    /// Width of the row-label column (0 without a Y axis).
    let labelWidth: Int
    /// Rows above the tiles: the page line (with Z) and the column labels.
    let headerRows: Int
    let tileColumns: Int
    let tileRows: Int
    /// The grid's columns and rows on screen: all of them, or the page holding the cursor.
    let columns: Range<Int>
    let rows: Range<Int>
    /// How many columns and rows the whole grid has.
    let columnCount: Int
    let rowCount: Int
    let area: Rect

    init(area: Rect, manifest: SweepManifest, cursor: SweepGridCursor?) {
        self.area = area
        columnCount = max(1, manifest.columns)
        rowCount = max(1, manifest.rows)
        let longest = manifest.axes.count > 1 ? (manifest.axes[1].values.map { TextWidth.of($0) }.max() ?? 0) : 0
        labelWidth = manifest.axes.count > 1 ? min(max(4, longest + 1), max(4, area.width / 4)) : 0
        headerRows = manifest.axes.count > 2 ? 2 : 1
        // Each tile keeps a column (and row) of gap after it; the last one's may fall outside the area.
        let width = area.width - labelWidth, height = area.height - headerRows
        tileColumns = max(Self.minimumTile.columns, width / columnCount - 1)
        tileRows = max(Self.minimumTile.rows, height / rowCount - 1)
        columns = Self.page(holding: cursor?.x ?? 0, of: columnCount, perPage: max(1, (width + 1) / (tileColumns + 1)))
        rows = Self.page(holding: cursor?.y ?? 0, of: rowCount, perPage: max(1, (height + 1) / (tileRows + 1)))
    }

    /// Whether the grid is larger than the area and shown a page at a time.
    var isPaged: Bool { columns.count < columnCount || rows.count < rowCount }

    /// Whether the cell at column `x`, row `y` is on screen (a hostile manifest's 100 columns must not draw over
    /// other panels or load 100 pictures) and inside the area (a preview narrower than one tile shows none).
    func shows(x: Int, y: Int) -> Bool {
        guard columns.contains(x), rows.contains(y) else { return false }
        let rect = tile(x: x, y: y)
        return rect.maxX <= area.maxX && rect.maxY <= area.maxY
    }

    /// The picture box of the cell at column `x`, row `y`.
    func tile(x: Int, y: Int) -> Rect {
        Rect(x: area.x + labelWidth + (x - columns.lowerBound) * (tileColumns + 1),
             y: area.y + headerRows + (y - rows.lowerBound) * (tileRows + 1), width: tileColumns, height: tileRows)
    }

    private static func page(holding index: Int, of count: Int, perPage: Int) -> Range<Int> {
        let start = min(max(0, index), count - 1) / perPage * perPage
        return start..<min(count, start + perPage)
    }
}
