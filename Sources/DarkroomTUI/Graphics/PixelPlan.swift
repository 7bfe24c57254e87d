import DarkroomCore

/// Which pictures the screen should show in pixels for a state: pure, like the views it mirrors (the preview's
/// picture area, the sweep grid's cell boxes in its place, the gallery's tile boxes). None under the help, a
/// question or the sweep editor (a terminal draws pixels above text), the others staying; none while the app quits.
public enum PixelPlan {
    /// At most this many bytes of pictures on one screen.
    public static let screenBudget = 1 << 20
    /// At most this many bytes per picture on the wire.
    public static let imageBudget = 512 << 10

    /// The pictures wanted, most important first: the preview (or, while a sweep grid takes its place, the grid's
    /// cells), the selected tile, then the other visible tiles. The preview (or the grid's cells together) may take
    /// `imageBudget`; the tiles share what is left of `screenBudget` equally, so the sum never exceeds it, and
    /// opening the grid leaves the tiles' budgets (and so their encoded bytes) as they were.
    public static func wanted(_ state: AppState, tiles: Bool = true) -> [WantedImage] {
        guard !state.isQuitting, state.showsPanels else { return [] }
        let layout = Layout(width: state.screen.width, height: state.screen.height)
        let overlays = AppView.overlayAreas(state, layout: layout)
        return unobscured(state, layout: layout, tiles: tiles).filter { picture in !overlays.contains { $0.intersects(picture.box) } }
    }

    private static func unobscured(_ state: AppState, layout: Layout, tiles: Bool) -> [WantedImage] {
        let gallery = state.gallery
        var wanted: [WantedImage] = []
        // Panels taking turns (`Layout.isSinglePanel`): pictures only in the one on screen.
        let previewShown = state.preview.isFullScreen || layout.shows(.preview, focus: state.focus)
        if previewShown, state.sweeps.grid != nil {
            wanted = sweepCells(state)
        } else if previewShown, let selected = gallery.selectedObject {
            let area = layout.previewPictureArea(fullScreen: state.preview.isFullScreen)
            if area.width > 0, area.height > 0 {
                wanted.append(WantedImage(object: selected, role: .preview, box: area, budget: imageBudget))
            }
        }
        let reserved = state.sweeps.grid != nil || !wanted.isEmpty ? imageBudget : 0
        guard tiles, !state.preview.isFullScreen, layout.shows(.gallery, focus: state.focus), gallery.layout == .grid, !gallery.visible.isEmpty else { return wanted }
        let columns = layout.gridColumns
        let first = gallery.scrollRow * columns
        let last = min(gallery.visible.count, first + layout.gridRows * columns)
        guard first < last else { return wanted }
        let share = min(imageBudget, (screenBudget - reserved) / (last - first))
        var boxes: [(position: Int, box: Rect)] = []
        for position in first..<last {
            let row = (position - first) / columns, column = (position - first) % columns
            boxes.append((position, layout.tilePicture(column: column, row: row)))
        }
        // The selected tile first: it is the one the user looks at.
        boxes.sort { ($0.position == gallery.selection ? 0 : 1, $0.position) < ($1.position == gallery.selection ? 0 : 1, $1.position) }
        for (position, box) in boxes {
            // Only tiles whose block thumbnail loaded: a failed thumbnail says so in text, which pixels would hide.
            let object = gallery.objects[gallery.visible[position]]
            guard case .picture = gallery.thumbnails[object.key] else { continue }
            wanted.append(WantedImage(object: object, role: .tile, box: box, budget: share))
        }
        return wanted
    }

    /// The sweep grid's cells on its page, each in its picture box (`SweepGridLayout`, as `SweepGridView` draws
    /// them), the cell under the cursor first; together within `imageBudget`, shared equally by every cell the page
    /// shows (so a picture loading or failing changes no other cell's budget). Only cells whose block picture
    /// loaded (its load read the image's ETag) and did not fail since: a failed, cancelled or running cell has no
    /// image, and a missing or unreadable one says so in text, which pixels would hide. A box that reaches past the
    /// grid's area (a grid too big for the preview) stays in blocks.
    static func sweepCells(_ state: AppState) -> [WantedImage] {
        guard let grid = state.sweeps.grid, let group = state.sweeps.group(grid.group) else { return [] }
        let manifest = group.manifest(jobs: state.jobs.queue)
        let area = SweepReducer.gridArea(state)
        // As the view: no grid in a preview this small.
        guard area.width > 10, area.height >= 3 else { return [] }
        let layout = SweepGridLayout(area: area, manifest: manifest, cursor: grid)
        let cells = manifest.cells.filter { $0.z == grid.z && layout.shows(x: $0.x, y: $0.y) }
        guard !cells.isEmpty else { return [] }
        let share = imageBudget / cells.count
        let isCursor = { (cell: SweepManifest.Cell) in cell.x == grid.x && cell.y == grid.y }
        return (cells.filter(isCursor) + cells.filter { !isCursor($0) }).compactMap { cell in
            let box = layout.tile(x: cell.x, y: cell.y)
            guard box.maxX <= area.maxX, box.maxY <= area.maxY, let key = cell.key, state.sweeps.unavailableImages[key] == nil,
                  let image = state.sweeps.cellImages[key] else { return nil }
            return WantedImage(object: image, role: .sweepCell, box: box, budget: share)
        }
    }

    /// The previews of the images next to the selection (the next one first), in the preview's box: the
    /// scheduler encodes them ahead while idle, so a selection change to one finds its bytes cached.
    public static func neighbours(_ state: AppState) -> [WantedImage] {
        guard let preview = wanted(state, tiles: false).first, preview.role == .preview else { return [] }
        let gallery = state.gallery
        return [gallery.selection + 1, gallery.selection - 1].compactMap { position in
            guard gallery.visible.indices.contains(position) else { return nil }
            return WantedImage(object: gallery.objects[gallery.visible[position]], role: .preview, box: preview.box, budget: preview.budget)
        }
    }
}
