/// Where a sweep grid's labels and tiles go inside an area of the preview.
struct SweepGridLayout: Hashable, Sendable {
    /// Width of the row-label column (0 without a Y axis).
    let labelWidth: Int
    /// Rows above the tiles: the page line (with Z) and the column labels.
    let headerRows: Int
    let tileColumns: Int
    let tileRows: Int
    let area: Rect

    init(area: Rect, manifest: SweepManifest) {
        self.area = area
        let columns = max(1, manifest.columns)
        let rows = manifest.rows
        let longest = manifest.axes.count > 1 ? (manifest.axes[1].values.map { TextWidth.of($0) }.max() ?? 0) : 0
        labelWidth = manifest.axes.count > 1 ? min(max(4, longest + 1), max(4, area.width / 4)) : 0
        headerRows = manifest.axes.count > 2 ? 2 : 1
        // Each tile keeps a column (and row) of gap after it.
        tileColumns = max(2, (area.width - labelWidth) / columns - 1)
        tileRows = max(1, (area.height - headerRows) / max(1, rows) - 1)
    }

    /// Whether the cell at column `x`, row `y` fits in the area (a grid wider or taller than the preview shows
    /// what fits; a hostile manifest's 100 columns must not draw over other panels or load 100 pictures).
    func shows(x: Int, y: Int) -> Bool {
        let rect = tile(x: x, y: y)
        return rect.maxX <= area.maxX + 1 && rect.maxY <= area.maxY + 1
    }

    /// The picture box of the cell at column `x`, row `y`.
    func tile(x: Int, y: Int) -> Rect {
        Rect(x: area.x + labelWidth + x * (tileColumns + 1), y: area.y + headerRows + y * (tileRows + 1), width: tileColumns, height: tileRows)
    }
}

import DarkroomCore
import DarkroomTerminal
