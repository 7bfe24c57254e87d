import DarkroomCore
import DarkroomTerminal
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A sweep in the preview: its cells as a grid with the axis values on the edges, the cursor's cell described
/// under it.
enum SweepGridView {
    static func draw(_ state: AppState, group: SweepGroup, grid: SweepGridCursor, layout: Layout, into buffer: inout CellBuffer) {
        let theme = state.theme
        let manifest = group.manifest(jobs: state.jobs.queue)
        let frame = state.preview.isFullScreen ? layout.main : layout.preview
        let axes = zip(["X", "Y", "Z"], manifest.axes).map { "\($0) \($1.name)" }.joined(separator: " · ")
        let area = SweepReducer.gridArea(state)
        let tiles = SweepGridLayout(area: area, manifest: manifest, cursor: grid)
        // The page comes early: a long title is cut at its end, and it is what tells the grid goes on.
        let title = "Sweep \(group.number) · " + (tiles.isPaged ? pageText(tiles) + " · " : "") + "\(axes) · \(JobsView.progress(manifest))"
            + JobsView.ending(manifest) + (JobsView.ranAt(group, manifest).map { " \($0)" } ?? "")
        let inner = Panel.draw(title, in: frame, focused: state.focus == .preview, theme: theme, into: &buffer)
        guard inner.width > 10, inner.height > 3 else { return }
        let focused = state.focus == .preview

        if manifest.axes.count > 2 {
            let z = manifest.axes[2]
            let page = "\(z.name) \(z.values[min(grid.z, z.values.count - 1)]) (\(grid.z + 1)/\(z.values.count), PgUp/PgDn)"
            buffer.put(TextWidth.truncate(page, toColumns: area.width, ellipsis: theme.ellipsis), x: area.x, y: area.y, style: theme.accent)
        }
        let xAxis = manifest.axes[0]
        for (column, value) in xAxis.values.enumerated() where tiles.shows(x: column, y: tiles.rows.lowerBound) {
            let rect = tiles.tile(x: column, y: tiles.rows.lowerBound)
            let text = TextWidth.truncate(value, toColumns: rect.width, ellipsis: theme.ellipsis)
            let style = focused && column == grid.x ? theme.accent.adding(.reverse) : theme.accent
            buffer.put(text, x: rect.x + max(0, (rect.width - TextWidth.of(text)) / 2), y: rect.y - 1, style: style, limit: area.maxX)
        }
        if manifest.axes.count > 1 {
            for (row, value) in manifest.axes[1].values.enumerated() where tiles.shows(x: tiles.columns.lowerBound, y: row) {
                let rect = tiles.tile(x: tiles.columns.lowerBound, y: row)
                let text = TextWidth.truncate(value, toColumns: max(1, tiles.labelWidth - 1), ellipsis: theme.ellipsis)
                let style = focused && row == grid.y ? theme.accent.adding(.reverse) : theme.accent
                buffer.put(text, x: area.x, y: rect.y + rect.height / 2, style: style, limit: area.x + tiles.labelWidth)
            }
        }
        for cell in manifest.cells where cell.z == grid.z {
            guard tiles.shows(x: cell.x, y: cell.y) else { continue }
            let rect = tiles.tile(x: cell.x, y: cell.y)
            let tileKey = cell.key.map { SweepsState.tileKey($0, columns: tiles.tileColumns, rows: tiles.tileRows) }
            if let tileKey, let picture = state.sweeps.tiles[tileKey] {
                let dx = max(0, (rect.width - picture.columns) / 2), dy = max(0, (rect.height - picture.rows) / 2)
                picture.draw(into: &buffer, at: (rect.x + dx, rect.y + dy), clip: rect)
            } else {
                let unavailable = cell.key.flatMap { state.sweeps.unavailableImages[$0] }
                let note = unavailable ?? (cell.status == .saved ? "loading…" : cell.status == .pending ? "queued" : cell.status.rawValue)
                let style = cell.status == .failed || unavailable != nil ? theme.error : theme.dim
                buffer.put(TextWidth.truncate(note, toColumns: rect.width, ellipsis: theme.ellipsis),
                           x: rect.x + max(0, (rect.width - TextWidth.of(note)) / 2), y: rect.y + rect.height / 2, style: style, limit: rect.maxX)
            }
        }
        if let index = manifest.cells.firstIndex(where: { $0.x == grid.x && $0.y == grid.y && $0.z == grid.z }) {
            let cell = manifest.cells[index]
            var facts = zip(manifest.axes, cell.values).map { "\($0.name) \($1)" }
            facts.append(cell.status.rawValue)
            // A seed axis already named the cell's seed above.
            if let seed = cell.parameters.fact(.seed), !manifest.axes.contains(where: { $0.name == SweepParameter.seed.rawValue }) {
                facts.append(seed)
            }
            if let key = cell.key { facts.append(key) } else if let error = cell.error { facts.append(error) }
            buffer.put(TextWidth.truncate(facts.joined(separator: " · "), toColumns: inner.width, ellipsis: theme.ellipsis),
                       x: inner.x, y: inner.maxY - 1, style: cell.status == .failed ? theme.error : theme.normal, limit: inner.maxX)
        }
    }
}

extension SweepGridView {
    /// Which part of a grid too large for the preview is on screen ("columns 8–14 of 35"), 1-based as the labels.
    static func pageText(_ tiles: SweepGridLayout) -> String {
        func part(_ range: Range<Int>, of count: Int, _ noun: String) -> String? {
            guard range.count < count else { return nil }
            return range.count == 1 ? "\(noun) \(range.lowerBound + 1) of \(count)" : "\(noun)s \(range.lowerBound + 1)–\(range.upperBound) of \(count)"
        }
        return [part(tiles.columns, of: tiles.columnCount, "column"), part(tiles.rows, of: tiles.rowCount, "row")]
            .compactMap { $0 }.joined(separator: ", ")
    }
}

/// The sweep editor and the price confirmation, drawn over the panels.
enum SweepOverlayView {
    static let exampleAxes = ["cfg_scale=4,7,10", "steps=20-50:10", "style=anime,origami", "S/R cat,dog"]
    static let examples = exampleAxes.joined(separator: " · ")

    static func drawEditor(_ state: AppState, editor: SweepEditorState, in area: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        let inner = Panel.draw("Sweep · every cell shares the seed", in: editorBox(in: area), focused: true, theme: theme, into: &buffer)
        guard inner.width > 10, inner.height >= 8 else { return }
        for (line, name) in ["X", "Y", "Z"].enumerated() {
            let y = inner.y + line
            buffer.put(name, x: inner.x, y: y, style: line == editor.line ? theme.accent.adding(.bold) : theme.dim)
            let field = editor.axes[line]
            if line == editor.line {
                buffer.cursor = LineField.draw(field, in: Rect(x: inner.x + 3, y: y, width: inner.width - 3, height: 1),
                                               style: theme.normal, into: &buffer)
            } else {
                let text = field.text.isEmpty ? (line == 0 ? "" : "(none)") : field.text
                buffer.put(TextWidth.truncate(text, toColumns: inner.width - 3, ellipsis: theme.ellipsis), x: inner.x + 3, y: y,
                           style: field.text.isEmpty ? theme.dim : theme.normal, limit: inner.maxX)
            }
        }
        let seed = state.parameters.seedLocked ? "seed \(state.parameters.values.seed.map(String.init) ?? "?")" : "a random seed, the same for every cell"
        // The examples wrap rather than end in an ellipsis: they are how a newcomer learns the syntax.
        var info: [(String, Style)] = TextWrap.lines("Values: lists or ranges, e.g. " + examples, width: inner.width).prefix(2).map { ($0, theme.dim) }
            + [("\(state.model.displayName) · \(seed) · at most \(state.sweeps.limits.maxImages) images", theme.dim)]
        if let error = editor.error {
            info = TextWrap.lines(error, width: inner.width).map { ($0, theme.error) }
        }
        for (row, line) in info.prefix(3).enumerated() {
            buffer.put(TextWidth.truncate(line.0, toColumns: inner.width, ellipsis: theme.ellipsis), x: inner.x, y: inner.y + 4 + row, style: line.1)
        }
        KeyHint.draw(SweepKeys.editorHints, x: inner.x, y: inner.maxY - 1, style: theme.accent, limit: inner.maxX, into: &buffer)
    }

    static func drawConfirm(_ state: AppState, manifest: SweepManifest, estimate: String, in area: Rect, into buffer: inout CellBuffer) {
        let (box, lines) = confirmLayout(state, estimate: estimate, in: area)
        let inner = Panel.draw("Sweep of \(manifest.cells.count) images?", in: box, focused: true, theme: state.theme, into: &buffer)
        for (row, line) in lines.prefix(inner.height).enumerated() {
            buffer.put(line, x: inner.x + 1, y: inner.y + row, style: state.theme.warning)
        }
    }

    static func editorBox(in area: Rect) -> Rect {
        let width = min(area.width - 2, 76)
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + max(0, area.height / 2 - 5), width: width, height: 10)
    }

    static func confirmLayout(_ state: AppState, estimate: String, in area: Rect) -> (box: Rect, lines: [String]) {
        let text = "This sweep runs on \(state.connection.backend): \(estimate). Start it? y/n"
        let width = min(area.width - 2, 72)
        let lines = TextWrap.lines(text, width: width - 4)
        return (Rect(x: area.x + (area.width - width) / 2, y: area.y + area.height / 2 - 2, width: width, height: lines.count + 2), lines)
    }
}

extension JobsView {
    /// A sweep's row: its shape, axes and progress.
    static func sweepLine(_ group: SweepGroup, state: AppState) -> (String, Style) {
        let theme = state.theme
        let manifest = group.manifest(jobs: state.jobs.queue)
        let symbol = theme.unicode ? "▦" : "#"
        let style: Style = switch manifest.status {
        case .running: theme.accent
        case .finished: manifest.counts.failed > 0 ? theme.warning : theme.success
        case .cancelled: theme.dim
        }
        // Progress and how it ended first: they are what the row is for, and they must survive a narrow panel.
        return ("\(symbol) sweep \(group.number): \(progress(manifest))" + ending(manifest) + " · \(group.title)"
                + (ranAt(group, manifest).map { " · \($0)" } ?? ""), style)
    }

    /// A sweep's counts: with its running cells while it runs, else what it came to ("5 done, 1 failed of 6").
    static func progress(_ manifest: SweepManifest) -> String {
        let counts = manifest.counts
        let running = manifest.status == .running ? ", \(counts.running) running" : ""
        return "\(counts.saved) done, \(counts.failed) failed\(running) of \(manifest.cells.count)"
    }

    /// How a sweep ended, once it has (" · cancelled").
    static func ending(_ manifest: SweepManifest) -> String {
        manifest.status == .running ? "" : " · \(manifest.status.rawValue)"
    }

    /// When a past sweep started, as the gallery dates images ("2026-08-29 10:15", UTC, from its id); nil for one
    /// run in this session.
    static func ranAt(_ group: SweepGroup, _ manifest: SweepManifest) -> String? {
        group.isStored ? manifest.startedAt.map(GalleryView.dateText) : nil
    }
}
