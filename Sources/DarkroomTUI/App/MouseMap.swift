/// What the mouse does beside the keys: a click gives the panel under it the focus and picks what it hit (a gallery
/// image, a job, a parameter, a sweep grid's cell, a place in the prompt's text); the wheel moves through the
/// gallery, the jobs, or the images the preview shows (full screen too), as Up and Down do there. A click never
/// generates, cancels or deletes anything: that stays with the keys.
enum MouseMap {
    static func actions(for event: MouseEvent, in state: AppState) -> [AppAction] {
        guard state.showsPanels, state.sweeps.editor == nil, state.sweeps.confirming == nil else { return [] }
        switch (state.overlay, event.kind) {
        case (.help, .wheel(let delta)): return [.helpPage(delta: delta)]
        case (.help, .press): return [.toggleHelp]
        case (.notices, .press): return [.dismiss]
        case (nil, _): break
        default: return []
        }
        if state.preview.isFullScreen {
            switch event.kind {
            case .press: return gridCell(at: event, in: state)
            case .wheel(let delta): return [previewStep(delta, in: state)]
            case .other: return []
            }
        }
        let layout = Layout(width: state.screen.width, height: state.screen.height)
        guard let panel = panel(at: event, layout: layout, focus: state.focus) else { return [] }
        switch event.kind {
        case .press:
            return [.focus(panel)] + pick(in: panel, at: event, layout: layout, state: state)
        case .wheel(let delta):
            switch panel {
            case .gallery: return [.focus(.gallery), .moveGallerySelection(columns: 0, rows: delta)]
            case .jobs: return [.focus(.jobs), .selectJob(delta: delta)]
            case .preview: return [.focus(.preview), previewStep(delta, in: state)]
            case .prompt, .parameters: return []
            }
        case .other:
            return []
        }
    }

    /// The wheel over the preview: a sweep's grid moves cell by cell; an image steps through the gallery's images, as
    /// in an image viewer.
    private static func previewStep(_ delta: Int, in state: AppState) -> AppAction {
        state.sweeps.grid != nil ? .sweep(.moveCell(dx: 0, dy: delta)) : .moveGallerySelection(columns: delta, rows: 0)
    }

    /// The panel drawn at the event's cell: on a small screen the focused one, which has the whole of it.
    private static func panel(at event: MouseEvent, layout: Layout, focus: FocusArea) -> FocusArea? {
        if layout.isSinglePanel { return layout.main.contains(x: event.x, y: event.y) ? focus : nil }
        return FocusArea.allCases.first { layout.area(of: $0).contains(x: event.x, y: event.y) }
    }

    /// What a click inside `panel` picks, as the keys would move there.
    private static func pick(in panel: FocusArea, at event: MouseEvent, layout: Layout, state: AppState) -> [AppAction] {
        switch panel {
        case .gallery:
            let gallery = state.gallery
            guard let position = layout.galleryPosition(x: event.x, y: event.y, arrangement: gallery.layout, scrollRow: gallery.scrollRow),
                  position < gallery.visible.count, position != gallery.selection else { return [] }
            return [.moveGallerySelection(columns: position - gallery.selection, rows: 0)]
        case .jobs:
            let inner = layout.area(of: .jobs).inset(by: 1)
            let rows = SweepReducer.rows(state)
            let (shown, selected, _) = JobsView.window(state, rows: rows, inner: inner)
            let position = shown.startIndex + event.y - inner.y
            guard inner.contains(x: event.x, y: event.y), shown.indices.contains(position) else { return [] }
            let current = rows.firstIndex { $0 == selected } ?? 0
            return position == current ? [] : [.selectJob(delta: position - current)]
        case .parameters:
            let inner = layout.area(of: .parameters).inset(by: 1)
            let rows = ParameterRow.allCases
            let index = event.y - inner.y
            guard inner.contains(x: event.x, y: event.y), rows.indices.contains(index),
                  let current = rows.firstIndex(of: state.parameters.row), index != current else { return [] }
            return [.selectParameter(delta: index - current)]
        case .preview:
            return gridCell(at: event, in: state)
        case .prompt:
            let editor = state.prompt.field == .prompt ? state.prompt.editor : state.prompt.negativeEditor
            let area = PromptView.areas(inside: layout.area(of: .prompt).inset(by: 1)).editor
            guard let position = PromptView.position(in: editor, area: area, x: event.x, y: event.y) else { return [] }
            return [.edit(.moveTo(position))]
        }
    }

    /// The sweep grid's cell under the event, as a move of the grid's cursor there; nothing off every cell, or with no
    /// grid open.
    private static func gridCell(at event: MouseEvent, in state: AppState) -> [AppAction] {
        guard let grid = state.sweeps.grid, let group = state.sweeps.group(grid.group) else { return [] }
        let tiles = SweepGridLayout(area: SweepReducer.gridArea(state), manifest: group.manifest(jobs: state.jobs.queue), cursor: grid)
        for y in tiles.rows {
            for x in tiles.columns where tiles.shows(x: x, y: y) && tiles.tile(x: x, y: y).contains(x: event.x, y: event.y) {
                return x == grid.x && y == grid.y ? [] : [.sweep(.moveCell(dx: x - grid.x, dy: y - grid.y))]
            }
        }
        return []
    }
}
