import DarkroomCore

/// A rectangle in sheet pixels; only the sheet's layout makes them.
public struct PixelRect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
}

/// Where everything on a contact sheet goes: one grid per Z value, stacked, each with its column labels (X)
/// above and row labels (Y) to the left, then the caption at the bottom.
public struct ContactSheetLayout: Hashable, Sendable {
    public var width: Int
    public var height: Int
    /// Tile rectangles, one per manifest cell, in manifest order.
    public var tiles: [PixelRect]
    /// Each grid's column labels' area, per page then column.
    public var columnLabels: [[PixelRect]]
    /// Each grid's row labels' area, per page then row (empty without Y).
    public var rowLabels: [[PixelRect]]
    /// Each grid's heading (the Z value), empty without Z.
    public var pageHeadings: [PixelRect]
    /// The caption's area.
    public var caption: PixelRect

    /// Measures for a sheet: tile box, gaps and text heights in pixels. Only `ContactSheet` lays sheets out;
    /// everyone else reads the finished layout.
    struct Metrics: Hashable, Sendable {
        var tile: Int
        var gap: Int
        var padding: Int
        var labelHeight: Int
        var rowLabelWidth: Int
        var captionLines: Int
    }

    /// The layout for a manifest's grid.
    init(manifest: SweepManifest, metrics m: Metrics) {
        let (columns, rows, pages) = (manifest.columns, manifest.rows, manifest.pages)
        let hasRows = manifest.axes.count > 1
        let hasPages = manifest.axes.count > 2
        let left = m.padding + (hasRows ? m.rowLabelWidth + m.padding : 0)
        let gridWidth = columns * m.tile + (columns - 1) * m.gap
        width = left + gridWidth + m.padding
        var y = m.padding
        var tilesByPosition: [Int: PixelRect] = [:]
        var columnLabels: [[PixelRect]] = []
        var rowLabels: [[PixelRect]] = []
        var pageHeadings: [PixelRect] = []
        for page in 0..<pages {
            if hasPages {
                pageHeadings.append(PixelRect(x: m.padding, y: y, width: width - 2 * m.padding, height: m.labelHeight))
                y += m.labelHeight + m.gap
            }
            columnLabels.append((0..<columns).map { PixelRect(x: left + $0 * (m.tile + m.gap), y: y, width: m.tile, height: m.labelHeight) })
            y += m.labelHeight + m.gap
            var pageRows: [PixelRect] = []
            for row in 0..<rows {
                let top = y + row * (m.tile + m.gap)
                if hasRows { pageRows.append(PixelRect(x: m.padding, y: top, width: m.rowLabelWidth, height: m.tile)) }
                for column in 0..<columns {
                    tilesByPosition[(page * rows + row) * columns + column] = PixelRect(x: left + column * (m.tile + m.gap), y: top, width: m.tile, height: m.tile)
                }
            }
            rowLabels.append(pageRows)
            y += rows * (m.tile + m.gap) + m.padding
        }
        caption = PixelRect(x: m.padding, y: y, width: width - 2 * m.padding, height: m.captionLines * m.labelHeight)
        height = y + caption.height + m.padding
        tiles = manifest.cells.map { cell in
            tilesByPosition[(cell.z * rows + cell.y) * columns + cell.x] ?? PixelRect(x: 0, y: 0, width: 0, height: 0)
        }
        self.columnLabels = columnLabels
        self.rowLabels = rowLabels
        self.pageHeadings = pageHeadings
    }
}
