import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Sweeps in the app: the editor, grouped jobs, the grid in the preview. Pure, like `AppReducer`.
enum SweepReducer {
    static func reduce(_ state: inout AppState, _ action: SweepAction) -> [AppEffect] {
        switch action {
        case .openEditor:
            if var last = state.sweeps.lastEditor, last.axes.contains(where: { !$0.text.isEmpty }) {
                last.error = nil
                state.sweeps.editor = last
            } else {
                state.sweeps.editor = SweepEditorState(x: suggestion(for: state.parameters.row, model: state.model))
            }
            return []
        case .closeEditor:
            closeEditor(&state)
            return []
        case .editorLine(let delta):
            guard var editor = state.sweeps.editor else { return [] }
            editor.line = (editor.line + delta + editor.axes.count) % editor.axes.count
            state.sweeps.editor = editor
            return []
        case .editorEdit(let command):
            guard var editor = state.sweeps.editor else { return [] }
            _ = editor.axes[editor.line].apply(command)
            editor.error = nil
            state.sweeps.editor = editor
            return []
        case .editorPaste(let text):
            pasteIntoEditor(&state, text)
            return []
        case .runEditor:
            return runEditor(&state)
        case .confirm:
            guard let pending = state.sweeps.confirming else { return [] }
            state.sweeps.confirming = nil
            return start(&state, template: pending.manifest)
        case .decline:
            state.sweeps.confirming = nil
            state.message = StatusMessage("Sweep not started.")
            return []
        case .showGrid(let number):
            guard state.sweeps.group(number) != nil else { return [] }
            state.sweeps.grid = SweepGridCursor(group: number)
            return AppReducer.focus(&state, .preview) + follow(&state)
        case .closeGrid:
            state.sweeps.grid = nil
            return AppReducer.previewLoads(&state)
        case .moveCell(let dx, let dy):
            guard var grid = state.sweeps.grid, let group = state.sweeps.group(grid.group) else { return [] }
            // Up and down on a wrapped one-axis grid move a line of cells.
            let layout = SweepGridLayout(area: gridArea(state), manifest: group.manifest(jobs: state.jobs.queue), cursor: grid)
            let (across, down) = layout.wraps ? (dx + dy * layout.perLine, 0) : (dx, dy)
            grid.x = min(group.plan.columns - 1, max(0, grid.x + across))
            grid.y = min(group.plan.rows - 1, max(0, grid.y + down))
            state.sweeps.grid = grid
            // A cursor past the edge of a paged grid turns the page, whose pictures load now.
            return follow(&state)
        case .nextPage(let delta):
            guard var grid = state.sweeps.grid, let group = state.sweeps.group(grid.group) else { return [] }
            let pages = group.plan.pages
            grid.z = min(pages - 1, max(0, grid.z + delta))
            state.sweeps.grid = grid
            return follow(&state)
        case .openCell:
            guard let group = currentGroup(state), let cell = cursorCell(state) else { return [] }
            guard let key = cell.key else {
                let failed = cell.status == .failed ? "This cell failed" + (cell.error.map { ": \($0)" } ?? ".") : nil
                state.message = StatusMessage(failed ?? "This cell has no image\(group.isStored ? "" : " yet").", isError: failed != nil)
                return []
            }
            if let problem = state.sweeps.unavailableImages[key] {
                // The manifest still holds the cell's parameters and seed: `e` loads them, and Enter makes the image again.
                state.message = StatusMessage("This cell's image \(key) is \(problem == "missing" ? "no longer in the bucket" : problem); "
                    + "e loads the cell's parameters and seed to make it again.", isError: true)
                return []
            }
            let grid = state.sweeps.grid
            let effects = AppReducer.openImage(&state, key: key)
            if let grid, state.gallery.selectedObject?.key == key {
                state.sweeps.openedFrom = (grid, key)
            }
            return effects
        case .returnToGrid:
            guard state.sweeps.canReturnToGrid(showing: state.gallery.selectedObject?.key), let from = state.sweeps.openedFrom,
                  state.sweeps.group(from.grid.group) != nil else { return [] }
            state.sweeps.grid = from.grid
            state.sweeps.openedFrom = nil
            return AppReducer.focus(&state, .preview) + follow(&state)
        case .cancelCell, .retryCell:
            if let group = currentGroup(state), group.isStored { return pastSweepNote(&state, group) }
            guard let (id, _) = currentCell(state) else { return [] }
            let isCancel: Bool = if case .cancelCell = action { true } else { false }
            let actions = isCancel ? state.jobs.queue.cancel(id, now: state.now) : state.jobs.queue.retry(id, now: state.now)
            if actions.isEmpty, state.jobs.queue[id]?.state.isFinished == true || !isCancel {
                state.message = StatusMessage(isCancel ? "This cell has already finished." : "Only failed or cancelled cells can be retried.")
            }
            return AppReducer.jobEffects(&state, actions) + follow(&state)
        case .tileLoaded(let tileKey, let picture, let image):
            state.sweeps.tiles[tileKey] = picture
            state.sweeps.cellImages[image.key] = image
            return []
        case .tileFailed(_, let imageKey, let missing):
            // Kept as requested: asking again would fail again on every action.
            state.sweeps.unavailableImages[imageKey] = missing ? "missing" : "unreadable"
            return []
        case .pastSweepsLoaded(let found, let problems, let complete):
            state.sweeps.merge(past: found, complete: complete)
            // A refresh (Ctrl-R) looks again for pictures that failed: an image may be back, a network hiccup over.
            let unavailable = state.sweeps.unavailableImages.keys
            state.sweeps.tilesRequested = state.sweeps.tilesRequested.filter { tile in !unavailable.contains { tile.hasPrefix($0 + "@") } }
            state.sweeps.unavailableImages = [:]
            // A skipped record is worth saying, but not over an error still on screen (a settings problem at start).
            // A missing bucket is the gallery's to tell, in full where it has room: on the status line it was the
            // same sentence cut short.
            let showingError = state.message?.isError == true && state.now.timeIntervalSince(state.messageShownAt) < StatusLineView.messageSeconds
            let problems = problems.filter { if case .noSuchBucket = $0 { false } else { true } }
            if let first = problems.first, !showingError {
                let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
                state.message = StatusMessage(first.description + more, isError: true)
            }
            return []
        case .recordsWritten(let key, let location):
            state.message = StatusMessage("Sweep sheet and manifest saved: \(location)\(key.dropFirst(SweepManifest.prefix.count))")
            return []
        case .recordsFailed(let message):
            state.message = StatusMessage(message, isError: true)
            return []
        }
    }

    /// Axes copied as lines (a note, a shell history of `--sweep` values) paste as lines: the first goes in at
    /// the cursor, each next one replaces the axis below; lines past Z are left out, and the editor says so.
    private static func pasteIntoEditor(_ state: inout AppState, _ text: String) {
        let lines = PastedText.cleaned(text, multiline: true).split(separator: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        guard lines.count > 1 else {
            _ = reduce(&state, .editorEdit(.insert(PastedText.cleaned(text, multiline: false))))
            return
        }
        guard var editor = state.sweeps.editor else { return }
        let room = editor.axes.count - editor.line
        for (offset, line) in lines.prefix(room).enumerated() {
            if offset == 0 {
                _ = editor.axes[editor.line].apply(.insert(line))
            } else {
                editor.axes[editor.line + offset].replace(with: line)
            }
        }
        editor.line += min(lines.count, room) - 1
        editor.error = lines.count > room
            ? "A sweep has three axes (X, Y, Z): the last \(lines.count - room) pasted line\(lines.count - room == 1 ? " was" : "s were") left out."
            : nil
        state.sweeps.editor = editor
    }

    // MARK: - Starting sweeps

    private static func runEditor(_ state: inout AppState) -> [AppEffect] {
        guard var editor = state.sweeps.editor else { return [] }
        var base = state.parameters.values
        base.prompt = state.prompt.editor.text
        base.negativePrompt = state.model.supportsNegativePrompt ? state.prompt.negativeEditor.text : ""
        base.seed = state.parameters.seedLocked ? state.parameters.values.seed : nil
        guard !base.prompt.allSatisfy(\.isWhitespace) else {
            editor.error = "Write a prompt first (Esc, then the prompt panel)."
            state.sweeps.editor = editor
            return []
        }
        let manifest: SweepManifest
        do throws(SweepError) {
            let specs = editor.axes.map { $0.text.trimmingWhitespace() }.filter { !$0.isEmpty }
            // The plan's own refusal names the command line's options, which the app has not.
            guard !specs.isEmpty else {
                editor.error = "Write at least one axis, e.g. \(SweepOverlayView.exampleAxes[0])."
                state.sweeps.editor = editor
                return []
            }
            var axes: [SweepAxis] = []
            for spec in specs { axes.append(try SweepAxis.parse(spec, maxValues: state.sweeps.limits.maxImages)) }
            var generator = SplitMix(state: UInt64(max(0, state.now.timeIntervalSince1970 * 1000)) &+ UInt64(state.sweeps.nextNumber))
            let plan = try SweepPlan.make(base: base, axes: axes, limits: state.sweeps.limits, seedGenerator: &generator)
            manifest = SweepManifest(plan: plan, id: SweepManifest.makeID(date: state.now, seed: plan.base.seed, random: &generator))
        } catch {
            editor.error = error.description
            state.sweeps.editor = editor
            return []
        }
        closeEditor(&state)
        return startOrConfirm(&state, manifest)
    }

    /// Closes the editor, keeping what it held for the next `w`.
    private static func closeEditor(_ state: inout AppState) {
        state.sweeps.lastEditor = state.sweeps.editor
        state.sweeps.editor = nil
    }

    /// Starts a sweep at once on the local stack or when small; otherwise shows its price and asks.
    static func startOrConfirm(_ state: inout AppState, _ manifest: SweepManifest) -> [AppEffect] {
        let paid = state.connection.backend != "local"
        if paid, manifest.cells.count > state.sweeps.limits.confirmOver {
            let estimate = ModelPricing.estimate(manifest.cells.map(\.parameters))
            state.sweeps.confirming = (manifest, estimate.description)
            return []
        }
        return start(&state, template: manifest)
    }

    /// Queues every cell of `template` as an ordinary job and groups them.
    static func start(_ state: inout AppState, template: SweepManifest) -> [AppEffect] {
        let number = state.sweeps.nextNumber
        state.sweeps.nextNumber += 1
        var ids: [JobID] = []
        var actions: [GenerationJobs.Action] = []
        for cell in template.cells {
            let (id, started) = state.jobs.queue.submit(cell.parameters, now: state.now)
            ids.append(id)
            actions += started
        }
        // The group first: the jobs saved next leave its cells to the manifest.
        state.sweeps.groups.append(SweepGroup(number: number, plan: template, cellJobs: ids))
        let effects = AppReducer.jobEffects(&state, actions)
        state.sweeps.selectedGroup = number
        state.jobs.selected = ids.last
        state.sweeps.grid = SweepGridCursor(group: number)
        let seed = template.parameters.seed.map { "seed \($0)" } ?? "seeds as swept"
        state.message = StatusMessage("Sweep \(number): \(ids.count) images queued with \(seed); the preview shows its grid.")
        return effects + follow(&state)
    }

    // MARK: - Jobs-panel actions on a sweep

    /// Handles job and image actions that mean something else for a sweep; nil when the action is not about one.
    static func intercept(_ state: inout AppState, _ action: AppAction) -> [AppEffect]? {
        switch action {
        case .selectJob(let delta) where !state.sweeps.groups.isEmpty:
            return selectRow(&state, delta: delta)
        case .cancelSelectedJob:
            guard state.focus == .jobs, let group = selectedGroup(state) else { return nil }
            if group.isStored { return pastSweepNote(&state, group) }
            var effects: [AppEffect] = []
            // Waiting cells first: cancelling a running one first would start a waiting one only to stop it.
            let waiting = group.cellJobs.filter { state.jobs.queue[$0]?.state == .queued }
            for id in waiting + group.cellJobs.filter({ !waiting.contains($0) }) {
                effects += AppReducer.jobEffects(&state, state.jobs.queue.cancel(id, now: state.now))
            }
            let saved = group.manifest(jobs: state.jobs.queue).counts.saved
            state.message = StatusMessage("Sweep \(group.number) cancelled; its \(saved) finished image\(saved == 1 ? "" : "s") stay.")
            return effects + follow(&state)
        case .retrySelectedJob:
            guard state.focus == .jobs, let group = selectedGroup(state) else { return nil }
            if group.isStored { return pastSweepNote(&state, group) }
            var effects: [AppEffect] = []
            for id in group.cellJobs { effects += AppReducer.jobEffects(&state, state.jobs.queue.retry(id, now: state.now)) }
            if effects.allSatisfy({ if case .saveJobs = $0 { true } else { false } }) {
                state.message = StatusMessage("Sweep \(group.number) has no failed or cancelled cells to retry.")
            }
            if let index = state.sweeps.groups.firstIndex(where: { $0.number == group.number }) {
                state.sweeps.groups[index].sheetRequested = false
            }
            return effects + follow(&state)
        case .openSelectedJob:
            guard state.focus == .jobs, let group = selectedGroup(state) else { return nil }
            return reduce(&state, .showGrid(group: group.number))
        case .regenerate:
            let group: SweepGroup?
            if state.focus == .jobs { group = selectedGroup(state) } else if state.focus == .preview { group = currentGroup(state) } else { group = nil }
            guard let group else { return nil }
            // The same cells, seed included: a fresh manifest for a second run of the grid.
            var template = group.manifest(jobs: state.jobs.queue)
            var generator = generatorFor(state)
            template.id = SweepManifest.makeID(date: state.now, seed: template.parameters.seed, random: &generator)
            template.status = .running
            template.sheetKey = nil
            for index in template.cells.indices {
                template.cells[index].status = .pending
                template.cells[index].key = nil
                template.cells[index].error = nil
                template.cells[index].engine = nil
            }
            return startOrConfirm(&state, template)
        case .moveGallerySelection, .moveGalleryPage:
            state.sweeps.grid = nil
            return nil
        default:
            return nil
        }
    }

    /// Past sweeps are records: nothing of theirs runs here to cancel or retry.
    private static func pastSweepNote(_ state: inout AppState, _ group: SweepGroup) -> [AppEffect] {
        state.message = StatusMessage("Sweep \(group.number) was read back from \(group.storedAt ?? "its manifest") and is not running here; r runs it again with the same seed.")
        return []
    }

    /// A seeded generator, so the reducer draws a sweep's seed and id without side effects.
    private static func generatorFor(_ state: AppState) -> SplitMix {
        SplitMix(state: UInt64(max(0, state.now.timeIntervalSince1970 * 1000)) &+ UInt64(state.sweeps.nextNumber) &* 7919)
    }

    /// One row per plain job and one per sweep (at its newest cell), newest first. A past sweep's row stands
    /// at its newest image's job still in the history (so its cells, restored after a restart, are not single
    /// jobs again), or, when none is, where it started among the jobs. Runs on every frame the job panel draws.
    static func rows(_ state: AppState) -> [JobsRow] {
        var rows: [JobsRow] = []
        var seen: Set<Int> = []
        let groupOf = Dictionary(state.sweeps.groups.flatMap { group in group.cellJobs.map { ($0, group.number) } },
                                 uniquingKeysWith: { first, _ in first })
        let pastOf = pastSweepImages(state)
        let jobs = state.jobs.queue.jobs.reversed().map { job in
            (job: job, sweep: groupOf[job.id] ?? job.output.flatMap { pastOf[$0.key] })
        }
        // Past sweeps none of whose cells' jobs are in the history (older than it, or made by `generate --sweep`)
        // go in where they started, newest first.
        let placed = Set(jobs.compactMap(\.sweep))
        var unplaced = state.sweeps.groups.filter { $0.isStored && !placed.contains($0.number) }
            .map { (number: $0.number, id: $0.plan.id, started: $0.startedAt ?? .distantPast) }
            .sorted { ($0.started, $0.id) > ($1.started, $1.id) }[...]
        for (job, sweep) in jobs {
            while let next = unplaced.first, next.started >= job.submittedAt {
                rows.append(.sweep(next.number))
                unplaced.removeFirst()
            }
            if let sweep {
                if seen.insert(sweep).inserted { rows.append(.sweep(sweep)) }
            } else {
                rows.append(.job(job.id))
            }
        }
        return rows + unplaced.map { JobsRow.sweep($0.number) }
    }

    /// Past sweeps' image keys, to the sweep's number.
    private static func pastSweepImages(_ state: AppState) -> [String: Int] {
        var images: [String: Int] = [:]
        for group in state.sweeps.groups where group.isStored {
            for cell in group.plan.cells { if let key = cell.key { images[key] = group.number } }
        }
        return images
    }

    /// The job a sweep's row selects: its newest cell's (for a past sweep, its newest image's job still in the
    /// history, or none).
    private static func anchorJob(_ group: SweepGroup, _ state: AppState) -> JobID? {
        guard group.isStored else { return group.cellJobs.last }
        let keys = Set(group.plan.cells.compactMap(\.key))
        return state.jobs.queue.jobs.last { $0.output.map { keys.contains($0.key) } ?? false }?.id
    }

    private static func selectRow(_ state: inout AppState, delta: Int) -> [AppEffect] {
        let rows = rows(state)
        guard !rows.isEmpty else { return [] }
        let current: JobsRow? = state.sweeps.selectedGroup.map(JobsRow.sweep) ?? state.jobs.selected.map(JobsRow.job)
        let index = current.flatMap { rows.firstIndex(of: $0) } ?? 0
        switch rows[min(rows.count - 1, max(0, index + delta))] {
        case .job(let id):
            state.sweeps.selectedGroup = nil
            state.jobs.selected = id
        case .sweep(let number):
            state.sweeps.selectedGroup = number
            state.jobs.selected = state.sweeps.group(number).flatMap { anchorJob($0, state) }
        }
        return []
    }

    /// The sweep whose row is selected; nil once the job selection moved elsewhere (a new job, another row).
    static func selectedGroup(_ state: AppState) -> SweepGroup? {
        guard let number = state.sweeps.selectedGroup else { return firstRowGroup(state) }
        guard let group = state.sweeps.group(number) else { return nil }
        if group.isStored { return state.jobs.selected == anchorJob(group, state) ? group : nil }
        guard let selected = state.jobs.selected, group.cellJobs.contains(selected) else { return nil }
        return group
    }

    /// Before anything is chosen the panel's first row is the selection, as the newest job is for jobs
    /// (`selectedJob`): a past sweep alone in the panel opens with Enter.
    private static func firstRowGroup(_ state: AppState) -> SweepGroup? {
        guard state.jobs.selected == nil, case .sweep(let first)? = rows(state).first else { return nil }
        return state.sweeps.group(first)
    }

    static func currentGroup(_ state: AppState) -> SweepGroup? {
        state.sweeps.grid.flatMap { state.sweeps.group($0.group) }
    }

    /// The index of the cell under the grid cursor.
    static func currentCellIndex(_ state: AppState) -> Int? {
        guard let grid = state.sweeps.grid, let group = state.sweeps.group(grid.group) else { return nil }
        return group.plan.cells.firstIndex { $0.x == grid.x && $0.y == grid.y && $0.z == grid.z }
    }

    /// The cell under the grid cursor as it stands now: its status, image and the parameters and seed it was made with.
    static func cursorCell(_ state: AppState) -> SweepManifest.Cell? {
        guard let index = currentCellIndex(state), let group = currentGroup(state) else { return nil }
        return group.manifest(jobs: state.jobs.queue).cells[index]
    }

    /// The job and cell index under the grid cursor (none for a past sweep).
    static func currentCell(_ state: AppState) -> (JobID, Int)? {
        guard let index = currentCellIndex(state), let group = currentGroup(state), index < group.cellJobs.count else { return nil }
        return (group.cellJobs[index], index)
    }

    // MARK: - After every action

    /// Writes manifests whose cells changed, asks for a finished sweep's contact sheet, and loads the grid's tiles.
    static func follow(_ state: inout AppState) -> [AppEffect] {
        var effects: [AppEffect] = []
        if state.sweeps.selectedGroup != nil, selectedGroup(state) == nil { state.sweeps.selectedGroup = nil }
        for index in state.sweeps.groups.indices {
            let manifest = state.sweeps.groups[index].manifest(jobs: state.jobs.queue)
            guard manifest != state.sweeps.groups[index].written else { continue }
            state.sweeps.groups[index].written = manifest
            effects.append(.sweep(.writeManifest(manifest)))
            if manifest.status != .running, manifest.counts.saved > 0, !state.sweeps.groups[index].sheetRequested {
                state.sweeps.groups[index].sheetRequested = true
                effects.append(.sweep(.writeSheet(manifest)))
            }
        }
        if let grid = state.sweeps.grid, let group = state.sweeps.group(grid.group), let manifest = group.written {
            let layout = SweepGridLayout(area: gridArea(state), manifest: manifest, cursor: grid)
            for cell in manifest.cells where cell.z == grid.z && layout.shows(x: cell.x, y: cell.y) {
                guard let key = cell.key, state.sweeps.unavailableImages[key] == nil else { continue }
                let tileKey = SweepsState.tileKey(key, columns: layout.tileColumns, rows: layout.tileRows)
                guard !state.sweeps.tilesRequested.contains(tileKey) else { continue }
                state.sweeps.tilesRequested.insert(tileKey)
                let listed = state.gallery.position(of: key).map { state.gallery.objects[$0] }
                effects.append(.sweep(.loadTile(key: key, tileKey: tileKey, columns: layout.tileColumns, rows: layout.tileRows, listed: listed)))
            }
        }
        return effects
    }

    /// The preview's inside less its last line (the cell's values), where the grid goes.
    static func gridArea(_ state: AppState) -> Rect {
        let layout = Layout(width: state.screen.width, height: state.screen.height)
        let inner = (state.preview.isFullScreen ? layout.main : layout.preview).inset(by: 1)
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - 1))
    }

    /// A first axis to edit, from the parameter the panel has selected.
    static func suggestion(for row: ParameterRow, model: ModelDescriptor) -> String {
        switch row {
        case .cfgScale:
            guard let range = model.cfgScale else { return "seed=1-4" }
            let low = SweepValueText.number(max(range.bounds.lowerBound, range.defaultValue - 3))
            let high = SweepValueText.number(min(range.bounds.upperBound, range.defaultValue + 3))
            return "cfg_scale=\(low),\(SweepValueText.number(range.defaultValue)),\(high)"
        case .steps:
            guard let range = model.steps else { return "seed=1-4" }
            return "steps=\(range.bounds.lowerBound)-\(min(range.bounds.upperBound, range.bounds.lowerBound + 30)):10"
        case .style:
            guard !model.stylePresets.isEmpty else { return "seed=1-4" }
            return "style=" + model.stylePresets.prefix(3).joined(separator: ",")
        case .size:
            return "size=" + model.sizes.prefix(2).map(\.description).joined(separator: ",")
        case .model:
            return "model=" + ModelCatalog.all.prefix(2).map(\.id.rawValue).joined(separator: ",")
        case .seed:
            return "seed=1-4"
        }
    }
}

/// A row of the job panel: a plain job, or a whole sweep.
enum JobsRow: Hashable {
    case job(JobID)
    case sweep(Int)
}

enum SweepValueText {
    /// `7` or `7.5`.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : PrintfText.fixed(value, digits: 1)
    }
}
