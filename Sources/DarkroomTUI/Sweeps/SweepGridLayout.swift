import DarkroomCore
import DarkroomTerminal

/// Where a sweep grid's labels and tiles go inside an area of the preview.
///
/// A grid with more columns or rows than fit at a readable size is shown a page at a time: the page that holds the
/// cursor, so moving the cursor past the edge turns the page (as the gallery's grid scrolls to its selection).
///
/// A grid of one axis (`seed=1-16`) wraps its cells into lines, each under its own labels, as a contact sheet does:
/// kept on one line, 16 pictures six columns wide left most of a tall preview empty.
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
    /// Tiles on one line of the screen: all the page's columns, or fewer when a one-axis grid wraps.
    let perLine: Int
    /// Whether a one-axis grid is laid out on more than one line (up and down then move a line of cells).
    let wraps: Bool
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
        let size = manifest.parameters.size
        if manifest.axes.count == 1, columnCount > 1,
           let wrap = Self.wrapping(count: columnCount, width: width, height: height, aspect: Double(size.width) / Double(max(1, size.height))) {
            (perLine, tileColumns, tileRows) = (wrap.perLine, wrap.tileColumns, wrap.tileRows)
            wraps = perLine < columnCount
            columns = Self.page(holding: cursor?.x ?? 0, of: columnCount, perPage: wrap.perPage)
            rows = 0..<1
            return
        }
        tileColumns = max(Self.minimumTile.columns, width / columnCount - 1)
        tileRows = max(Self.minimumTile.rows, height / rowCount - 1)
        columns = Self.page(holding: cursor?.x ?? 0, of: columnCount, perPage: max(1, (width + 1) / (tileColumns + 1)))
        rows = Self.page(holding: cursor?.y ?? 0, of: rowCount, perPage: max(1, (height + 1) / (tileRows + 1)))
        perLine = columns.count
        wraps = false
    }

    /// How a one-axis grid of `count` cells wraps: the tiles per line that give the largest pictures with every cell
    /// on screen (a cell is twice as tall as wide, so a picture of `aspect` fills `2 × rows × aspect` columns at most),
    /// or, when they cannot all fit at the minimum size, pages of as many lines of minimum-width tiles as fit.
    /// Nil when not even one minimum tile fits.
    static func wrapping(count: Int, width: Int, height: Int, aspect: Double)
        -> (perLine: Int, tileColumns: Int, tileRows: Int, perPage: Int)? {
        guard width >= minimumTile.columns, height >= minimumTile.rows else { return nil }
        var best: (perLine: Int, tileColumns: Int, tileRows: Int, picture: Double)?
        for perLine in 1...count {
            let lines = (count + perLine - 1) / perLine
            let tileColumns = (width + 1) / perLine - 1, tileRows = (height + 1) / lines - 1
            guard tileColumns >= minimumTile.columns, tileRows >= minimumTile.rows else { continue }
            let picture = min(Double(tileColumns), 2 * Double(tileRows) * aspect)
            // On a tie, more to a line: the axis reads across, as a grid's X does.
            if picture >= best?.picture ?? 0 { best = (perLine, tileColumns, tileRows, picture) }
        }
        if let best { return (best.perLine, best.tileColumns, best.tileRows, count) }
        let perLine = max(1, (width + 1) / (minimumTile.columns + 1))
        let tileColumns = (width + 1) / perLine - 1
        let tileRows = min(height, max(minimumTile.rows, Int((Double(tileColumns) / (2 * aspect)).rounded(.up))))
        let lines = max(1, (height + 1) / (tileRows + 1))
        return (perLine, tileColumns, tileRows, perLine * lines)
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

    /// The picture box of the cell at column `x`, row `y`; its column's label goes on the line above it.
    func tile(x: Int, y: Int) -> Rect {
        let (line, column) = (x - columns.lowerBound).quotientAndRemainder(dividingBy: perLine)
        return Rect(x: area.x + labelWidth + column * (tileColumns + 1),
                    y: area.y + headerRows + (line + y - rows.lowerBound) * (tileRows + 1), width: tileColumns, height: tileRows)
    }

    private static func page(holding index: Int, of count: Int, perPage: Int) -> Range<Int> {
        let start = min(max(0, index), count - 1) / perPage * perPage
        return start..<min(count, start + perPage)
    }
}
