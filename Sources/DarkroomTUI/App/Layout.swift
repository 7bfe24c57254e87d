/// Where every panel goes for a screen size; shared by the views and by the reducer (which needs to know
/// which gallery rows are visible to load their thumbnails).
public struct Layout: Hashable, Sendable {
    public let prompt: Rect
    public let parameters: Rect
    public let jobs: Rect
    public let gallery: Rect
    public let preview: Rect
    public let statusLine: Rect
    /// The whole screen above the status line (full-screen preview, help).
    public let main: Rect
    /// Whether the panels take turns: on a screen smaller than `sideBySide` (a phone's SSH client, a split pane)
    /// side by side they would be slivers, so each takes the whole of `main` and only the focused one is drawn;
    /// Tab goes on to the next, as it does when they are side by side.
    public let isSinglePanel: Bool

    /// The smallest screen the app draws on; below it, it says what size it needs.
    public static let minimum = (width: 40, height: 12)
    /// The smallest screen with every panel at once: two columns of 38 (a parameter's label and value, a gallery
    /// line with its date) and, on the left, the prompt's 6 rows, the parameters' 8 and 4 for the jobs, above the
    /// status line.
    public static let sideBySide = (width: 76, height: 19)

    /// Whether the app draws on a screen of this size (`minimum`).
    public static func isLargeEnough(width: Int, height: Int) -> Bool {
        width >= minimum.width && height >= minimum.height
    }

    public init(width: Int, height: Int) {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        let (main, status) = screen.splitBottom(1)
        self.main = main
        statusLine = status
        isSinglePanel = width < Self.sideBySide.width || height < Self.sideBySide.height
        if isSinglePanel {
            (prompt, parameters, jobs, gallery, preview) = (main, main, main, main, main)
            return
        }
        let leftWidth = min(72, max(38, width * 2 / 5))
        let (left, right) = main.splitLeft(leftWidth)
        let promptHeight = max(6, min(10, left.height / 3))
        let (prompt, belowPrompt) = left.splitTop(promptHeight)
        let (parameters, jobs) = belowPrompt.splitTop(8)
        self.prompt = prompt
        self.parameters = parameters
        self.jobs = jobs
        let galleryHeight = max(8, right.height * 11 / 20)
        let (gallery, preview) = right.splitTop(galleryHeight)
        self.gallery = gallery
        self.preview = preview
    }

    /// Where `panel` goes.
    public func area(of panel: FocusArea) -> Rect {
        switch panel {
        case .prompt: prompt
        case .parameters: parameters
        case .jobs: jobs
        case .gallery: gallery
        case .preview: preview
        }
    }

    /// Whether `panel` is drawn while `focus` has the focus.
    public func shows(_ panel: FocusArea, focus: FocusArea) -> Bool {
        !isSinglePanel || panel == focus
    }

    /// The gallery's inside (without its border and the filter line).
    public var galleryBody: Rect {
        let inner = gallery.inset(by: 1)
        return Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
    }

    /// Rows of a grid tile (picture plus one caption row): about three tiles fit the gallery's height, at least 7 and at
    /// most 13 rows, and never so large that fewer than three fit across.
    public var tileRows: Int {
        let byHeight = galleryBody.height / 3
        let byWidth = (galleryBody.width / 3 - 3) / 2
        return max(7, min(13, byHeight, byWidth))
    }
    /// Columns of a grid tile: a square picture in half-block cells is twice as wide as tall, plus a little
    /// room for the caption.
    public var tileColumns: Int { (tileRows - 1) * 2 + 4 }
    /// Tiles per grid row.
    public var gridColumns: Int { max(1, galleryBody.width / (tileColumns + 1)) }
    /// Grid rows on screen.
    public var gridRows: Int { max(1, galleryBody.height / tileRows) }
    /// Lines on screen in the list layout.
    public var listRows: Int { max(1, galleryBody.height) }
    /// Images per row and rows on screen in the gallery's grid or list.
    public func galleryShape(_ arrangement: GalleryState.Layout) -> (perRow: Int, rows: Int) {
        arrangement == .grid ? (gridColumns, gridRows) : (1, listRows)
    }

    /// The picture box of the grid tile in `column` and `row` on screen (its caption is the row below).
    public func tilePicture(column: Int, row: Int) -> Rect {
        Rect(x: galleryBody.x + column * (tileColumns + 1), y: galleryBody.y + row * tileRows, width: tileColumns, height: tileRows - 1)
    }

    /// The gallery position (an index into the images shown) of the tile or list line at cell `x`, `y`, with
    /// `scrollRow` the first row on screen; nil off every tile (a border, the gap between tiles, the filter line).
    public func galleryPosition(x: Int, y: Int, arrangement: GalleryState.Layout, scrollRow: Int) -> Int? {
        let body = galleryBody
        guard body.contains(x: x, y: y) else { return nil }
        guard arrangement == .grid else { return scrollRow + y - body.y }
        let (column, row) = ((x - body.x) / (tileColumns + 1), (y - body.y) / tileRows)
        guard column < gridColumns, row < gridRows, (x - body.x) % (tileColumns + 1) < tileColumns else { return nil }
        return (scrollRow + row) * gridColumns + column
    }

    /// Size of a thumbnail picture in a grid tile.
    public var thumbnailSize: (columns: Int, rows: Int) { (tileColumns, tileRows - 1) }

    /// The preview picture's box for the normal or full-screen preview.
    public func previewPictureArea(fullScreen: Bool) -> Rect {
        let inner = (fullScreen ? main : preview).inset(by: 1)
        if fullScreen { return Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 2) }
        // A square picture's side in columns (a cell is about twice as tall as wide): beside the details, or above
        // them. A tall, narrow preview (one panel on a phone's screen) shows a larger picture with the details below.
        let besideWidth = min(inner.width / 2, inner.height * 2 + 4)
        let aboveHeight = inner.height - Self.detailsRowsBelow
        if aboveHeight > 0, min(inner.width, aboveHeight * 2) > besideWidth {
            return Rect(x: inner.x, y: inner.y, width: inner.width, height: min(aboveHeight, (inner.width + 1) / 2))
        }
        return Rect(x: inner.x, y: inner.y, width: besideWidth, height: inner.height)
    }

    /// Rows kept under a picture for its details when they go below it: prompt, parameters, key.
    static let detailsRowsBelow = 6
}
