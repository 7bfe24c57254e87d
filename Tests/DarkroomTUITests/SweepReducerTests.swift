import DarkroomBackend
import DarkroomCore
import Foundation
import Testing
@testable import DarkroomTUI

/// The sweep editor, grouped jobs and the grid, driven through `AppReducer` as the key map would.
@Suite struct SweepReducerTests {
    typealias F = AppFixtures

    /// A prompt typed and the editor opened on the parameters panel.
    static func editing(_ prompt: String = "a lighthouse", backend: String = "local") -> AppState {
        var state = AppState(screen: (120, 40), theme: Theme(colorMode: .xterm256, unicode: true),
                             connection: ConnectionInfo(backend: backend, location: "/tmp/darkroom"), now: F.start)
        F.type(prompt, into: &state)
        _ = AppReducer.reduce(&state, .focus(.parameters))
        state.parameters.values.seed = 42
        _ = AppReducer.reduce(&state, .toggleSeedLock)
        return state
    }

    static func typeAxis(_ text: String, into state: inout AppState) {
        _ = AppReducer.reduce(&state, .sweep(.editorEdit(.killToLineStart)))
        _ = AppReducer.reduce(&state, .sweep(.editorEdit(.killToLineEnd)))
        for character in text { _ = AppReducer.reduce(&state, .sweep(.editorEdit(.insert(String(character))))) }
    }

    /// A running 3x2 sweep (cfg 4, 7, 10 × steps 20, 30), seed 42.
    static func running(backend: String = "local") -> (AppState, [AppEffect]) {
        var state = editing(backend: backend)
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        typeAxis("cfg_scale=4,7,10", into: &state)
        _ = AppReducer.reduce(&state, .sweep(.editorLine(delta: 1)))
        typeAxis("steps=20,30", into: &state)
        let effects = AppReducer.reduce(&state, .sweep(.runEditor))
        return (state, effects)
    }

    static func outcome(_ id: JobID) -> GenerationOutcome {
        GenerationOutcome(key: "output-images/20261130T000000Z-42-\(id.rawValue).png", seed: 42)
    }

    /// Esc or a run closed the editor and threw the axes away: `w` offered the suggestion again. It keeps them now.
    @Test func theEditorOpensAgainWithTheAxesItLastHeld() {
        var state = Self.editing()
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        Self.typeAxis("cfg_scale=3,5", into: &state)
        _ = AppReducer.reduce(&state, .sweep(.editorLine(delta: 1)))
        Self.typeAxis("steps=20,30", into: &state)
        _ = AppReducer.reduce(&state, .sweep(.closeEditor))
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        #expect(state.sweeps.editor?.axes.map(\.text) == ["cfg_scale=3,5", "steps=20,30", ""])
        _ = AppReducer.reduce(&state, .sweep(.runEditor))
        #expect(state.sweeps.editor == nil && state.jobs.queue.jobs.count == 4)
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        #expect(state.sweeps.editor?.axes.map(\.text) == ["cfg_scale=3,5", "steps=20,30", ""])
        // On the line it was left on, and without the refusal it closed on.
        #expect(state.sweeps.editor?.line == 1)
        Self.typeAxis("steps=0", into: &state)
        _ = AppReducer.reduce(&state, .sweep(.runEditor))
        #expect(state.sweeps.editor?.error != nil)
        _ = AppReducer.reduce(&state, .sweep(.closeEditor))
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        #expect(state.sweeps.editor?.error == nil && state.sweeps.editor?.axes[1].text == "steps=0")
    }

    /// An editor with no axis said "The sweep `` cannot be read: … (--sweep NAME=VALUES or --prompts FILE)": empty
    /// quotes and the command line's options, inside the app.
    @Test func anEditorWithNoAxisAsksForOneInTheAppsTerms() {
        var state = Self.editing()
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        Self.typeAxis("", into: &state)
        _ = AppReducer.reduce(&state, .sweep(.runEditor))
        #expect(state.sweeps.editor?.error == "Write at least one axis, e.g. cfg_scale=4,7,10.")
        #expect(state.jobs.queue.jobs.isEmpty)
        #expect(SweepError.invalidSpec("", reason: "no axis").description == "The sweep cannot be read: no axis.")
    }

    @Test func wInTheParametersPanelOpensTheEditorWithAnAxisForTheSelectedRow() throws {
        var state = Self.editing()
        let action = try #require(KeyMap.action(for: .char("w"), in: state))
        guard case .sweep(.openEditor) = action else { Issue.record("w gave \(action)"); return }
        _ = AppReducer.reduce(&state, action)
        #expect(state.sweeps.editor?.axes[0].text == "cfg_scale=4,7,10")
        // Typing goes to the editor, not the panels; Esc closes it.
        guard case .sweep(.editorEdit) = KeyMap.action(for: .char("q"), in: state) else { Issue.record("q quit"); return }
        guard case .sweep(.closeEditor) = KeyMap.action(for: KeyEvent(.escape), in: state) else { Issue.record("Esc"); return }
        #expect(KeyMap.bindings.contains { $0.scope == .parameters && $0.hint == "sweep" })
    }

    @Test func runningTheEditorQueuesEveryCellWithTheSameSeedAsOneGroup() throws {
        let (state, effects) = Self.running()
        #expect(state.sweeps.editor == nil)
        let group = try #require(state.sweeps.groups.first)
        #expect(group.cellJobs.count == 6)
        let requests = group.cellJobs.compactMap { state.jobs.queue[$0]?.request }
        #expect(requests.map(\.seed) == Array(repeating: 42, count: 6))
        #expect(requests.map(\.cfgScale) == [4, 7, 10, 4, 7, 10])
        #expect(requests.map(\.steps) == [20, 20, 20, 30, 30, 30])
        #expect(requests.allSatisfy { $0.prompt == "a lighthouse" })
        #expect(effects.filter { if case .startGeneration = $0 { true } else { false } }.count == 2)
        let manifests = effects.compactMap { if case .sweep(.writeManifest(let manifest)) = $0 { manifest } else { nil } }
        #expect(manifests.last?.cells.map(\.status) == [.running, .running, .pending, .pending, .pending, .pending])
        #expect(SweepReducer.rows(state) == [.sweep(1)])
        #expect(state.sweeps.grid?.group == 1)
    }

    @Test func anInvalidAxisStaysInTheEditorNamingAxisAndValue() {
        var state = Self.editing()
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        Self.typeAxis("cfg_scale=4,99", into: &state)
        _ = AppReducer.reduce(&state, .sweep(.runEditor))
        #expect(state.sweeps.editor?.error?.contains("Sweep axis `cfg_scale`, value `99`") == true)
        #expect(state.jobs.queue.jobs.isEmpty)
        Self.typeAxis("colour=red", into: &state)
        _ = AppReducer.reduce(&state, .sweep(.runEditor))
        #expect(state.sweeps.editor?.error?.contains("`colour` is not a parameter") == true)
    }

    @Test func theGroupShowsProgressAndCancellingKeepsFinishedCells() throws {
        var (state, _) = Self.running()
        let group = try #require(state.sweeps.groups.first)
        let first = group.cellJobs[0], second = group.cellJobs[1]
        _ = AppReducer.reduce(&state, .jobFinished(first, Self.outcome(first)))
        var effects = AppReducer.reduce(&state, .jobFailed(second, message: "throttled"))
        var manifest = try #require(effects.compactMap { if case .sweep(.writeManifest(let m)) = $0 { m } else { nil } }.last)
        #expect(manifest.cells[0].status == .saved && manifest.cells[0].key == Self.outcome(first).key)
        #expect(manifest.cells[1].status == .failed && manifest.cells[1].error == "throttled")
        #expect(manifest.counts.running == 2)  // the next two started

        let row = AppView.render(state).lines.first { $0.contains("sweep 1:") } ?? ""
        #expect(row.contains("▦ sweep 1: 1 done, 1 failed, 2 running of 6"), "\(row)")

        _ = AppReducer.reduce(&state, .focus(.jobs))
        effects = AppReducer.reduce(&state, .cancelSelectedJob)
        manifest = try #require(effects.compactMap { if case .sweep(.writeManifest(let m)) = $0 { m } else { nil } }.last)
        #expect(manifest.status == .cancelled)
        #expect(manifest.cells.map(\.status) == [.saved, .failed, .cancelled, .cancelled, .cancelled, .cancelled])
        #expect(effects.filter { if case .cancelGeneration = $0 { true } else { false } }.count == 2)
        // A finished sweep with images gets its contact sheet.
        #expect(effects.contains { if case .sweep(.writeSheet) = $0 { true } else { false } })
        #expect(state.message?.text.contains("1 finished image stay") == true)
        // Nothing runs: the panel's title counts its rows, one sweep (its six cells are not six jobs of their own).
        #expect(AppView.render(state).lines.contains { $0.contains("─ Jobs · 1 sweep ─") })
        // The ended sweep says what it came to, not "0 running".
        let ended = AppView.render(state).lines.first { $0.contains("sweep 1:") } ?? ""
        #expect(ended.contains("▦ sweep 1: 1 done, 1 failed of 6 · cancelled"), "\(ended)")

        // Retry runs the failed and cancelled cells again, never the saved one.
        effects = AppReducer.reduce(&state, .retrySelectedJob)
        #expect(effects.filter { if case .startGeneration = $0 { true } else { false } }.count == 2)
        #expect(state.jobs.queue[first]?.output != nil)
        #expect(state.jobs.queue.queuedCount == 3)
    }

    @Test func jobPanelRowsGroupASweepBetweenPlainJobs() throws {
        var state = Self.editing()
        _ = AppReducer.reduce(&state, .submit)
        let plain = try #require(state.jobs.selected)
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        _ = AppReducer.reduce(&state, .sweep(.runEditor))
        _ = AppReducer.reduce(&state, .focus(.jobs))
        #expect(SweepReducer.rows(state) == [.sweep(1), .job(plain)])
        _ = AppReducer.reduce(&state, .selectJob(delta: 1))
        #expect(state.sweeps.selectedGroup == nil && state.jobs.selected == plain)
        _ = AppReducer.reduce(&state, .selectJob(delta: -1))
        #expect(state.sweeps.selectedGroup == 1)
        // Enter on the group shows its grid in the preview.
        _ = AppReducer.reduce(&state, .openSelectedJob)
        #expect(state.focus == .preview && state.sweeps.grid?.group == 1)
    }

    @Test func theGridMovesCellByCellAndCancelsOrRetriesOneCell() throws {
        var (state, _) = Self.running()
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: 1)))
        _ = AppReducer.reduce(&state, .sweep(.moveCell(dx: 5, dy: 1)))
        #expect(state.sweeps.grid?.x == 2 && state.sweeps.grid?.y == 1)
        let group = try #require(state.sweeps.groups.first)
        _ = AppReducer.reduce(&state, .sweep(.cancelCell))
        #expect(state.jobs.queue[group.cellJobs[5]]?.state == .cancelled(at: F.start))
        #expect(state.jobs.queue[group.cellJobs[4]]?.state == .queued)
        _ = AppReducer.reduce(&state, .sweep(.retryCell))
        #expect(state.jobs.queue[group.cellJobs[5]]?.state == .queued)
        // Keys: arrows move cells, Enter opens, Esc closes the grid.
        guard case .sweep(.moveCell(-1, 0)) = KeyMap.action(for: KeyEvent(.left), in: state) else { Issue.record("left"); return }
        guard case .sweep(.openCell) = KeyMap.action(for: KeyEvent(.enter), in: state) else { Issue.record("enter"); return }
        guard case .sweep(.closeGrid) = KeyMap.action(for: KeyEvent(.escape), in: state) else { Issue.record("esc"); return }
    }

    @Test func aFinishedCellOpensAsANormalImage() throws {
        var (state, _) = Self.running()
        let group = try #require(state.sweeps.groups.first)
        let id = group.cellJobs[0]
        let key = Self.outcome(id).key
        _ = AppReducer.reduce(&state, .jobFinished(id, Self.outcome(id)))
        _ = AppReducer.reduce(&state, .galleryObjectAdded(StoredObject(key: key, size: 10, lastModified: F.start, etag: "e")))
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: 1)))
        _ = AppReducer.reduce(&state, .sweep(.openCell))
        #expect(state.sweeps.grid == nil)
        #expect(state.focus == .preview)
        #expect(state.gallery.selectedObject?.key == key)
    }

    @Test func escFromAnOpenedCellGoesBackToItsGridWithTheCursorWhereItWas() throws {
        var (state, _) = Self.running()
        let group = try #require(state.sweeps.groups.first)
        // The second cell: cells start two at a time, so it is running and can finish.
        let id = group.cellJobs[1]
        let key = Self.outcome(id).key
        let other = StoredObject(key: "output-images/other.png", size: 10, lastModified: F.start.addingTimeInterval(-60), etag: "o")
        _ = AppReducer.reduce(&state, .galleryObjectAdded(other))
        _ = AppReducer.reduce(&state, .jobFinished(id, Self.outcome(id)))
        _ = AppReducer.reduce(&state, .galleryObjectAdded(StoredObject(key: key, size: 10, lastModified: F.start, etag: "e")))
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: 1)))
        _ = AppReducer.reduce(&state, .sweep(.moveCell(dx: 1, dy: 0)))
        let cursor = try #require(state.sweeps.grid)
        _ = AppReducer.reduce(&state, .sweep(.openCell))
        #expect(state.sweeps.grid == nil && state.gallery.selectedObject?.key == key)
        // The status line offers the way back, and Esc takes it.
        #expect(KeyMap.hints(in: state).first?.hint == "back to grid")
        let back = try #require(KeyMap.action(for: KeyEvent(.escape), in: state))
        _ = AppReducer.reduce(&state, back)
        #expect(state.sweeps.grid == cursor)
        #expect(state.focus == .preview)
        #expect(!KeyMap.hints(in: state).contains { $0.hint == "back to grid" })

        // Once the preview shows another image, Esc no longer returns to the grid.
        _ = AppReducer.reduce(&state, .sweep(.openCell))
        _ = AppReducer.reduce(&state, .focus(.gallery))
        _ = AppReducer.reduce(&state, .moveGallerySelection(columns: 1, rows: 0))
        #expect(state.gallery.selectedObject?.key == other.key)
        _ = AppReducer.reduce(&state, .focus(.preview))
        #expect(!KeyMap.hints(in: state).contains { $0.hint == "back to grid" })
        if let action = KeyMap.action(for: KeyEvent(.escape), in: state) { _ = AppReducer.reduce(&state, action) }
        #expect(state.sweeps.grid == nil)
    }

    @Test func rOnTheGridRunsItAgainWithTheSameSeed() throws {
        var (state, _) = Self.running()
        let first = try #require(state.sweeps.groups.first)
        for id in first.cellJobs {
            if state.jobs.queue[id]?.state != .queued { _ = AppReducer.reduce(&state, .jobFinished(id, Self.outcome(id))) }
            else { _ = AppReducer.reduce(&state, .jobFinished(id, Self.outcome(id))) }
        }
        // Cells start two at a time: finish them all.
        while state.jobs.queue.runningCount > 0 {
            for job in state.jobs.queue.jobs where { if case .running = job.state { true } else { false } }() {
                _ = AppReducer.reduce(&state, .jobFinished(job.id, Self.outcome(job.id)))
            }
        }
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: 1)))
        let effects = AppReducer.reduce(&state, .regenerate)
        #expect(state.sweeps.groups.count == 2)
        let second = try #require(state.sweeps.groups.last)
        let again = second.cellJobs.compactMap { state.jobs.queue[$0]?.request }
        let before = first.cellJobs.compactMap { state.jobs.queue[$0]?.request }
        #expect(again == before)
        #expect(again.allSatisfy { $0.seed == 42 })
        #expect(second.plan.id != first.plan.id)
        #expect(effects.contains { if case .startGeneration = $0 { true } else { false } })
    }

    @Test func aLargeSweepOnAPaidBackendAsksFirstWithItsPrice() throws {
        var state = Self.editing(backend: "bedrock")
        state.sweeps.limits = SweepLimits(maxImages: 64, confirmOver: 4)
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        Self.typeAxis("cfg_scale=4,7,10", into: &state)
        _ = AppReducer.reduce(&state, .sweep(.editorLine(delta: 1)))
        Self.typeAxis("steps=20,30", into: &state)
        _ = AppReducer.reduce(&state, .sweep(.runEditor))
        let confirming = try #require(state.sweeps.confirming)
        #expect(confirming.estimate.hasPrefix("6 images, estimated $0.24"))
        #expect(state.jobs.queue.jobs.isEmpty)
        let screen = AppView.render(state).lines.joined(separator: "\n")
        #expect(screen.contains("Sweep of 6 images?"))
        guard case .sweep(.decline) = KeyMap.action(for: .char("n"), in: state) else { Issue.record("n"); return }
        guard case .sweep(.confirm) = KeyMap.action(for: .char("y"), in: state) else { Issue.record("y"); return }
        _ = AppReducer.reduce(&state, .sweep(.confirm))
        #expect(state.sweeps.confirming == nil)
        #expect(state.jobs.queue.jobs.count == 6)

        // Small sweeps and the local stack never ask.
        var local = Self.editing()
        local.sweeps.limits = SweepLimits(maxImages: 64, confirmOver: 4)
        _ = AppReducer.reduce(&local, .sweep(.openEditor))
        Self.typeAxis("seed=1-6", into: &local)
        _ = AppReducer.reduce(&local, .sweep(.runEditor))
        #expect(local.sweeps.confirming == nil && local.jobs.queue.jobs.count == 6)
    }

    /// 35 columns in a preview with room for a few: the grid stayed 3-column tiles wide, ran over the panel's right
    /// border, labelled every column "1…" and never showed columns 21–35, even with the cursor there. It is shown
    /// a page at a time now, the page holding the cursor, inside the panel, with whole labels and the page named.
    /// (Two axes: a grid of one wraps its cells into lines instead; see the next test.)
    @Test func aGridWiderThanThePreviewIsShownAPageAtATimeInsideThePanel() throws {
        var state = Self.editing()
        state.sweeps.limits = SweepLimits(maxImages: 70, confirmOver: 70)
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        Self.typeAxis("seed=1001-1035", into: &state)
        _ = AppReducer.reduce(&state, .sweep(.editorLine(delta: 1)))
        Self.typeAxis("cfg_scale=4,7", into: &state)
        _ = AppReducer.reduce(&state, .sweep(.runEditor))
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: 1)))
        _ = AppReducer.reduce(&state, .focus(.preview))
        let preview = Layout(width: 120, height: 40).preview
        func check(_ lines: [String], page: String, labels: [String]) {
            let screen = lines.joined(separator: "\n")
            #expect(screen.contains(page), "\(screen)")
            for row in lines[(preview.y + 1)..<(preview.maxY - 1)] {
                let border = Array(row)[preview.maxX - 1]
                #expect(border == "│", "the grid runs over the border: \(row)")
            }
            let header = lines[preview.y + 1]
            for label in labels { #expect(header.contains(label), "\(header)") }
            #expect(!header.contains("…"), "\(header)")
        }
        let manifest = try #require(state.sweeps.groups.first).manifest(jobs: state.jobs.queue)
        let first = SweepGridLayout(area: SweepReducer.gridArea(state), manifest: manifest, cursor: state.sweeps.grid)
        let perPage = first.columns.count
        #expect(perPage > 1 && perPage < 35 && first.tileColumns >= SweepGridLayout.minimumTile.columns)
        check(AppView.render(state).lines, page: "columns 1–\(perPage) of 35", labels: ["1001", "1002"])
        for _ in 0..<perPage { _ = AppReducer.reduce(&state, .sweep(.moveCell(dx: 1, dy: 0))) }
        check(AppView.render(state).lines, page: "columns \(perPage + 1)–\(min(35, 2 * perPage)) of 35", labels: [String(1001 + perPage)])
        #expect(!AppView.render(state).lines[preview.y + 1].contains("1001"))
    }

    /// A one-axis sweep of 16 seeds stayed on one line of 6-column tiles in a preview 30 rows tall. It wraps into lines
    /// now, each under its labels, with the largest pictures that keep every cell on screen; up and down move a line.
    @Test func aOneAxisGridWrapsIntoLinesOfLargerPictures() throws {
        var state = Self.editing()
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        Self.typeAxis("seed=101-116", into: &state)
        _ = AppReducer.reduce(&state, .sweep(.runEditor))
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: 1)))
        let area = SweepReducer.gridArea(state)
        let manifest = try #require(state.sweeps.groups.first).manifest(jobs: state.jobs.queue)
        let layout = SweepGridLayout(area: area, manifest: manifest, cursor: state.sweeps.grid)
        #expect(layout.wraps && layout.columns == 0..<16)
        #expect(layout.perLine > 1 && layout.perLine < 16)
        // A square picture is drawn wider than one line's minimum tiles allowed (a cell is twice as tall as wide).
        #expect(min(layout.tileColumns, 2 * layout.tileRows) > SweepGridLayout.minimumTile.columns, "\(layout)")
        for x in 0..<16 {
            let tile = layout.tile(x: x, y: 0)
            #expect(layout.shows(x: x, y: 0) && tile.maxX <= area.maxX && tile.maxY <= area.maxY, "\(x): \(tile) outside \(area)")
        }
        // Each line's labels sit right above its tiles.
        let lines = AppView.render(state).lines
        let second = layout.tile(x: layout.perLine, y: 0)
        #expect(lines[second.y - 1].contains("\(101 + layout.perLine)"), "\(lines.joined(separator: "\n"))")
        #expect(!lines.joined().contains("columns "), "no page: every cell is on screen")

        _ = AppReducer.reduce(&state, .sweep(.moveCell(dx: 0, dy: 1)))
        #expect(state.sweeps.grid?.x == layout.perLine && state.sweeps.grid?.y == 0)
        _ = AppReducer.reduce(&state, .sweep(.moveCell(dx: 1, dy: -1)))
        #expect(state.sweeps.grid?.x == 1)
    }

    /// More cells than fit at the smallest tile: lines of them a page at a time, the page named, the cursor's shown.
    @Test func aOneAxisGridTooLargeForThePreviewPagesByLines() throws {
        var state = Self.editing()
        state.screen = (90, 24)
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        Self.typeAxis("seed=1-64", into: &state)
        _ = AppReducer.reduce(&state, .sweep(.runEditor))
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: 1)))
        let manifest = try #require(state.sweeps.groups.first).manifest(jobs: state.jobs.queue)
        let layout = SweepGridLayout(area: SweepReducer.gridArea(state), manifest: manifest, cursor: state.sweeps.grid)
        #expect(layout.isPaged && layout.columns.lowerBound == 0 && layout.columns.count % layout.perLine == 0)
        #expect(layout.tileColumns >= SweepGridLayout.minimumTile.columns)
        let screen = AppView.render(state).lines.joined(separator: "\n")
        #expect(screen.contains("columns 1–\(layout.columns.count) of 64"), "\(screen)")
        for _ in 0..<(layout.columns.count / layout.perLine) { _ = AppReducer.reduce(&state, .sweep(.moveCell(dx: 0, dy: 1))) }
        let next = SweepGridLayout(area: SweepReducer.gridArea(state), manifest: manifest, cursor: state.sweeps.grid)
        #expect(next.columns.lowerBound == layout.columns.count)
        #expect(AppView.render(state).lines.joined(separator: "\n").contains("columns \(layout.columns.count + 1)–"))
    }

    /// A sweep's cells are not saved as jobs: its manifest brings it back as one row after a restart, and the
    /// cells saved as jobs came back beside it, 40 rows of a cancelled sweep, `t` on one running it outside its grid.
    @Test func aSweepsCellsAreKeptByItsManifestNotTheJobsFile() throws {
        var (state, effects) = Self.running()
        let cells = Set(try #require(state.sweeps.groups.first).cellJobs)
        var saved: [[GenerationJobs.Entry]] = effects.compactMap { if case .saveJobs(let jobs) = $0 { jobs } else { nil } }
        #expect(!saved.isEmpty && saved.allSatisfy { $0.allSatisfy { !cells.contains($0.id) } })
        _ = AppReducer.reduce(&state, .focus(.prompt))
        effects = AppReducer.reduce(&state, .submit)
        saved = effects.compactMap { if case .saveJobs(let jobs) = $0 { jobs } else { nil } }
        #expect(saved.last?.map(\.request.prompt) == ["a lighthouse"])
    }

    /// The status line offered the preview's image keys first, and the grid's only from about 220 columns.
    @Test func theStatusLineOffersTheGridsKeysFirst() {
        var (state, _) = Self.running()
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: 1)))
        state.message = nil
        let statusLine = AppView.render(state).lines.last ?? ""
        #expect(statusLine.contains("arrows cells  c cancel cell  t retry cell"), "\(statusLine)")
    }

    @Test func theGridRendersAxisValuesOnItsEdgesAndTheCursorsCell() throws {
        var (state, _) = Self.running()
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: 1)))
        let group = try #require(state.sweeps.groups.first)
        let id = group.cellJobs[0]
        _ = AppReducer.reduce(&state, .jobFinished(id, Self.outcome(id)))
        let effects = AppReducer.reduce(&state, .tick(F.start))
        _ = effects
        let tile = try #require(state.sweeps.tilesRequested.first)
        _ = AppReducer.reduce(&state, .sweep(.tileLoaded(tileKey: tile, F.picture(columns: 4, rows: 2, glyph: "█"), image: F.cellImage(tile))))
        let lines = AppView.render(state).lines
        let screen = lines.joined(separator: "\n")
        #expect(screen.contains("Sweep 1 · X cfg_scale · Y steps"))
        let header = try #require(lines.first { $0.contains("4") && $0.contains("7") && $0.contains("10") && !$0.contains("Sweep") })
        #expect(header.contains("10"))
        #expect(lines.contains { $0.contains("20") && $0.contains("████") })
        #expect(lines.contains { $0.contains("30") && $0.contains("queued") })
        #expect(screen.contains("cfg_scale 4 · steps 20 · saved · seed 42"))
    }

    /// Two axes copied as lines were joined into one axis, "cfg_scale=4,7 steps=20,30", which read as one bad value.
    @Test func pastedLinesFillTheAxesFromTheCursorDown() throws {
        var state = Self.editing()
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        Self.typeAxis("", into: &state)
        _ = AppReducer.reduce(&state, .paste("cfg_scale=4,7\r\n\r\nsteps=20,30\r\n"))
        var editor = try #require(state.sweeps.editor)
        #expect(editor.axes.map(\.text) == ["cfg_scale=4,7", "steps=20,30", ""])
        #expect(editor.line == 1 && editor.error == nil)

        // From an emptied Y down, the third line has no axis to go to, and the editor says so.
        Self.typeAxis("", into: &state)
        _ = AppReducer.reduce(&state, .paste("seed=1,2\nstyle=anime,origami\nsampler=DDIM\n"))
        editor = try #require(state.sweeps.editor)
        #expect(editor.axes.map(\.text) == ["cfg_scale=4,7", "seed=1,2", "style=anime,origami"])
        #expect(editor.line == 2)
        #expect(editor.error == "A sweep has three axes (X, Y, Z): the last 1 pasted line was left out.")
    }

    /// On a seed axis the cell's line named its seed twice: "seed 1 · queued · seed 1".
    @Test func aSeedAxisNamesTheCellsSeedOnce() {
        var state = Self.editing()
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        Self.typeAxis("seed=1-3", into: &state)
        _ = AppReducer.reduce(&state, .sweep(.runEditor))
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: 1)))
        _ = AppReducer.reduce(&state, .sweep(.moveCell(dx: 1, dy: 0)))
        let screen = AppView.render(state).lines.joined(separator: "\n")
        #expect(screen.contains("seed 2 · running"), "\(screen)")
        #expect(!screen.contains("seed 2 · running · seed 2"))
    }
}
