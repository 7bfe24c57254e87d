/// Which pictures the screen should show in pixels for a state: pure, like the views it mirrors (the preview's
/// picture area, the gallery's tile boxes). Nothing while an overlay, a sweep dialog or the sweep grid covers
/// them, or while the app quits.
public enum PixelPlan {
    /// At most this many bytes of pictures on one screen.
    public static let screenBudget = 1 << 20
    /// At most this many bytes per picture on the wire.
    public static let imageBudget = 512 << 10

    /// The pictures wanted, most important first: the preview, the selected tile, then the other visible tiles.
    /// The preview may take `imageBudget`; the tiles share what is left of `screenBudget` equally, so the sum
    /// never exceeds it.
    public static func wanted(_ state: AppState, tiles: Bool = true) -> [WantedImage] {
        guard !state.isQuitting, state.overlay == nil, state.sweeps.editor == nil, state.sweeps.confirming == nil,
              state.screen.width >= 40, state.screen.height >= 12 else { return [] }
        let layout = Layout(width: state.screen.width, height: state.screen.height)
        let gallery = state.gallery
        var wanted: [WantedImage] = []
        if state.sweeps.grid == nil, let selected = gallery.selectedObject {
            let area = layout.previewPictureArea(fullScreen: state.preview.isFullScreen)
            if area.width > 0, area.height > 0 {
                wanted.append(WantedImage(object: selected, role: .preview, box: area, budget: imageBudget))
            }
        }
        guard tiles, !state.preview.isFullScreen, gallery.layout == .grid, !gallery.visible.isEmpty else { return wanted }
        let columns = layout.gridColumns
        let first = gallery.scrollRow * columns
        let last = min(gallery.visible.count, first + layout.gridRows * columns)
        guard first < last else { return wanted }
        let share = min(imageBudget, (screenBudget - wanted.count * imageBudget) / (last - first))
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
