import DarkroomBackend
import DarkroomCore
import DarkroomGallery
@testable import DarkroomSweeps
import Foundation
import Testing
@testable import DarkroomTUI

/// Past sweeps read back from their manifests: grouped in the job panel, shown as grids, re-run with `r`.
@Suite struct PastSweepReducerTests {
    typealias F = AppFixtures

    /// A finished 3x2 sweep (cfg 4, 7, 10 × steps 20, 30), seed 42, as another machine would have stored it:
    /// cell 1 saved, cell 2 failed, the rest saved. Started before the fixtures' clock (`AppFixtures.start`), as a
    /// past sweep is: the jobs panel places past sweeps by that time.
    static func stored(id: String = "20260829T101500Z-42-0000abcd") throws -> SweepManifest {
        let plan = try SweepPlan.make(base: GenerationParameters(prompt: "a lighthouse", seed: 42),
                                      axes: [try .parse("cfg_scale=4,7,10"), try .parse("steps=20,30")])
        var manifest = SweepManifest(plan: plan, id: id)
        for index in manifest.cells.indices {
            manifest.cells[index].status = .saved
            manifest.cells[index].key = "output-images/20260829T1015\(String(format: "%02d", index))Z-42-0000000\(index).png"
        }
        manifest.cells[1].status = .failed
        manifest.cells[1].key = nil
        manifest.cells[1].error = "throttled"
        manifest.status = .finished
        return manifest
    }

    /// Wide enough for the grid's title and the cell line in full.
    static func wide() -> AppState {
        var state = SweepReducerTests.editing()
        _ = AppReducer.reduce(&state, .resize(width: 200, height: 50))
        return state
    }

    static func loaded(_ manifests: [SweepManifest], into state: inout AppState, location: String = "/bucket/output-sweeps/") -> [AppEffect] {
        AppReducer.reduce(&state, .sweep(.pastSweepsLoaded(manifests.map { .init(manifest: $0, location: location) }, problems: [], complete: true)))
    }

    @Test func aPastSweepIsOneRowAfterThisSessionsJobsAndOpensAsItsGrid() throws {
        var state = Self.wide()
        _ = AppReducer.reduce(&state, .submit)
        let plain = try #require(state.jobs.selected)
        let effects = Self.loaded([try Self.stored()], into: &state)
        // Read back, never written back.
        #expect(!effects.contains { if case .sweep(.writeManifest) = $0 { true } else { false } })
        #expect(!effects.contains { if case .sweep(.writeSheet) = $0 { true } else { false } })
        let group = try #require(state.sweeps.groups.first)
        #expect(group.isStored && group.cellJobs.isEmpty)
        #expect(SweepReducer.rows(state) == [.job(plain), .sweep(group.number)])
        let row = AppView.render(state).lines.first { $0.contains("sweep \(group.number):") } ?? ""
        #expect(row.contains("5 done, 1 failed of 6"), "\(row)")

        _ = AppReducer.reduce(&state, .focus(.jobs))
        _ = AppReducer.reduce(&state, .selectJob(delta: 1))
        #expect(SweepReducer.selectedGroup(state)?.number == group.number)
        let shown = AppReducer.reduce(&state, .openSelectedJob)
        #expect(state.focus == .preview && state.sweeps.grid?.group == group.number)
        // Its saved cells' pictures are asked for; the failed one has none.
        let tiles = shown.compactMap { if case .sweep(.loadTile(let key, _, _, _, _)) = $0 { key } else { nil } }
        #expect(tiles.count == 5)

        let screen = AppView.render(state).lines.joined(separator: "\n")
        #expect(screen.contains("Sweep \(group.number) · X cfg_scale · Y steps · 5 done, 1 failed of 6 · finished 2026-08-29 10:15"))
        #expect(screen.contains("failed"))
    }

    /// A fresh start with only a past sweep in the panel: its row is the selection before any key, as the newest
    /// job would be, and Enter opens its grid (it said "This job has no image yet.").
    @Test func aPastSweepAloneInThePanelIsSelectedAndOpensWithEnter() throws {
        var state = Self.wide()
        _ = Self.loaded([try Self.stored()], into: &state)
        let group = try #require(state.sweeps.groups.first)
        _ = AppReducer.reduce(&state, .focus(.jobs))
        #expect(state.jobs.selected == nil && state.sweeps.selectedGroup == nil)
        let screen = AppView.render(state)
        let y = try #require(screen.lines.firstIndex { $0.contains("sweep \(group.number):") })
        let x = try #require(screen.lines[y].firstIndex(of: "s").map { screen.lines[y].distance(from: screen.lines[y].startIndex, to: $0) })
        #expect(screen[x, y].style.attributes.contains(.reverse), "the row shows as selected")
        _ = AppReducer.reduce(&state, .openSelectedJob)
        #expect(state.sweeps.grid?.group == group.number)
        #expect(state.message?.text != "This job has no image yet.")
    }

    /// A cell the gallery's listing holds is loaded with the listing's ETag; only the others ask the bucket (a HEAD).
    @Test func aListedCellCarriesItsListingAndAnUnlistedOneAsksTheBucket() throws {
        var state = Self.wide()
        let manifest = try Self.stored()
        let listedKey = try #require(manifest.cells[0].key)
        let listed = StoredObject(key: listedKey, size: 10, lastModified: Date(timeIntervalSince1970: 1_800_000_000), etag: "listed-etag")
        state.gallery.merge(entries: [GalleryEntry(listed)], replacing: true)
        _ = Self.loaded([manifest], into: &state)
        let number = try #require(state.sweeps.groups.first?.number)
        let effects = AppReducer.reduce(&state, .sweep(.showGrid(group: number)))
        let loads = effects.compactMap { if case .sweep(.loadTile(let key, _, _, _, let known)) = $0 { (key, known) } else { nil } }
        #expect(loads.first { $0.0 == listedKey }?.1 == listed)
        #expect(loads.filter { $0.0 != listedKey }.allSatisfy { $0.1 == nil } && loads.count == 5)
    }

    @Test func cellsAreNavigableAndOpenAsNormalImagesAndMissingOrFailedOnesSaySo() throws {
        var state = Self.wide()
        let manifest = try Self.stored()
        _ = Self.loaded([manifest], into: &state)
        let number = try #require(state.sweeps.groups.first?.number)
        var effects = AppReducer.reduce(&state, .sweep(.showGrid(group: number)))
        let requests = effects.compactMap { if case .sweep(.loadTile(let key, let tile, _, _, _)) = $0 { (key, tile) } else { nil } }
        #expect(Set(requests.map(\.0)) == Set(manifest.cells.compactMap(\.key)))

        // The failed cell (cfg 7, steps 20) says why it has no image.
        _ = AppReducer.reduce(&state, .sweep(.moveCell(dx: 1, dy: 0)))
        _ = AppReducer.reduce(&state, .sweep(.openCell))
        #expect(state.message?.text == "This cell failed: throttled")
        #expect(state.sweeps.grid != nil)

        // An image gone from the bucket shows as missing, is not asked for again, and does not open.
        let gone = try #require(manifest.cells[2].key)
        let goneTile = try #require(requests.first { $0.0 == gone }?.1)
        _ = AppReducer.reduce(&state, .sweep(.tileFailed(tileKey: goneTile, imageKey: gone, missing: true)))
        effects = AppReducer.reduce(&state, .tick(F.start))
        #expect(!effects.contains { if case .sweep(.loadTile) = $0 { true } else { false } })
        _ = AppReducer.reduce(&state, .sweep(.moveCell(dx: 1, dy: 0)))
        _ = AppReducer.reduce(&state, .sweep(.openCell))
        #expect(state.message?.text.contains("\(gone) is no longer in the bucket; e loads the cell's parameters and seed") == true)
        let screen = AppView.render(state).lines.joined(separator: "\n")
        #expect(screen.contains("missing"))
        #expect(screen.contains("cfg_scale 10 · steps 20 · saved · seed 42 · \(gone)"))
        // As it says: e puts the missing cell's parameters and seed in the editor, ready to make it again.
        var loading = state
        _ = AppReducer.reduce(&loading, .loadIntoEditor)
        #expect(loading.prompt.editor.text == "a lighthouse" && loading.parameters.values.cfgScale == 10)
        #expect(loading.parameters.values.steps == 20 && loading.parameters.values.seed == 42 && loading.parameters.seedLocked)

        // A saved cell opens as a normal image.
        let first = try #require(manifest.cells[0].key)
        _ = AppReducer.reduce(&state, .galleryObjectAdded(StoredObject(key: first, size: 10, lastModified: F.start, etag: "e")))
        _ = AppReducer.reduce(&state, .sweep(.moveCell(dx: -2, dy: 0)))
        _ = AppReducer.reduce(&state, .sweep(.openCell))
        #expect(state.sweeps.grid == nil)
        #expect(state.gallery.selectedObject?.key == first)

        // A refresh looks for it again.
        _ = Self.loaded([manifest], into: &state)
        effects = AppReducer.reduce(&state, .sweep(.showGrid(group: number)))
        #expect(effects.contains { if case .sweep(.loadTile(gone, _, _, _, _)) = $0 { true } else { false } })

        // Nothing of it runs here: cancel and retry say how to run it again.
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: number)))
        _ = AppReducer.reduce(&state, .sweep(.cancelCell))
        #expect(state.message?.text.contains("r runs it again with the same seed") == true)
    }

    @Test func rRunsAPastSweepAgainWithTheSameSeedAsANewSweep() throws {
        var state = SweepReducerTests.editing()
        let manifest = try Self.stored()
        _ = Self.loaded([manifest], into: &state)
        let past = try #require(state.sweeps.groups.first)
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: past.number)))
        let effects = AppReducer.reduce(&state, .regenerate)
        let again = try #require(state.sweeps.groups.last)
        #expect(!again.isStored && again.number != past.number && again.plan.id != manifest.id)
        let requests = again.cellJobs.compactMap { state.jobs.queue[$0]?.request }
        #expect(requests == manifest.cells.map(\.parameters))
        #expect(requests.allSatisfy { $0.seed == 42 })
        #expect(effects.filter { if case .startGeneration = $0 { true } else { false } }.count == 2)
        #expect(effects.contains { if case .sweep(.writeManifest(let written)) = $0 { written.id == again.plan.id } else { false } })
    }

    @Test func restoredJobsOfAPastSweepAreGroupedUnderItsRow() throws {
        // After a restart the job history holds the cells as plain saved jobs.
        var queue = GenerationJobs(concurrency: 2)
        let manifest = try Self.stored()
        var ids: [JobID] = []
        for cell in manifest.cells where cell.key != nil {
            let (id, _) = queue.submit(cell.parameters, now: F.start)
            _ = queue.finish(id, output: GenerationOutcome(key: cell.key ?? "", seed: 42), now: F.start)
            ids.append(id)
        }
        let (other, _) = queue.submit(GenerationParameters(prompt: "something else", seed: 1), now: F.start)
        var state = AppState(screen: (120, 40), theme: Theme(colorMode: .xterm256, unicode: true),
                             connection: ConnectionInfo(backend: "local", location: "/tmp/darkroom"), now: F.start, jobs: queue)
        #expect(SweepReducer.rows(state).count == 6)
        _ = Self.loaded([manifest], into: &state)
        let number = try #require(state.sweeps.groups.first?.number)
        #expect(SweepReducer.rows(state) == [.job(other), .sweep(number)])
        _ = AppReducer.reduce(&state, .focus(.jobs))
        _ = AppReducer.reduce(&state, .selectJob(delta: 1))
        #expect(SweepReducer.selectedGroup(state)?.number == number)
        #expect(state.jobs.selected == ids.last)
        _ = AppReducer.reduce(&state, .selectJob(delta: -1))
        #expect(state.jobs.selected == other && state.sweeps.selectedGroup == nil)
    }

    /// Past sweeps whose cells are not in the job history (made by `generate --sweep`, or older than the history)
    /// stand among the jobs by when they started, newest first; they all came after the oldest job, so after a
    /// restart a sweep made a minute ago sat below a job made yesterday. An id darkroom did not make goes last.
    @Test func pastSweepsWithoutJobsStandAmongTheJobsByWhenTheyStarted() throws {
        var queue = GenerationJobs(concurrency: 2)
        var jobs: [JobID] = []
        for day in [10, 20] {
            let submitted = try #require(DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: .gmt,
                                                        year: 2026, month: 11, day: day, hour: 12).date)
            let (id, _) = queue.submit(GenerationParameters(prompt: "job on the \(day)th", seed: 1), now: submitted)
            jobs.append(id)
        }
        var state = AppState(screen: (120, 40), theme: Theme(colorMode: .xterm256, unicode: true),
                             connection: ConnectionInfo(backend: "local", location: "/tmp/darkroom"), now: F.start, jobs: queue)
        let manifests = try ["20261101T000000Z-42-00000001", "20261115T000000Z-42-00000002", "20261125T000000Z-42-00000003",
                             "imported-sweep"].map { try Self.stored(id: $0) }
        _ = Self.loaded(manifests, into: &state)
        let number = Dictionary(uniqueKeysWithValues: state.sweeps.groups.map { ($0.plan.id, $0.number) })
        #expect(SweepReducer.rows(state) == [
            .sweep(number[manifests[2].id] ?? 0), .job(jobs[1]), .sweep(number[manifests[1].id] ?? 0), .job(jobs[0]),
            .sweep(number[manifests[0].id] ?? 0), .sweep(number["imported-sweep"] ?? 0),
        ])
        #expect(manifests[1].startedAt == DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: .gmt,
                                                         year: 2026, month: 11, day: 15).date)
        #expect(manifests[3].startedAt == nil)
    }

    @Test func aSweepRunHereIsNotShownTwiceAndARefreshKeepsNumbers() throws {
        var (state, _) = SweepReducerTests.running()
        let live = try #require(state.sweeps.groups.first)
        let older = try Self.stored(id: "20260801T000000Z-42-00000001")
        let newer = try Self.stored(id: "20260820T000000Z-42-00000002")
        _ = Self.loaded([newer, live.plan, older], into: &state)
        #expect(state.sweeps.groups.count == 3)
        #expect(state.sweeps.groups.filter { $0.plan.id == live.plan.id }.count == 1)
        let numbers = Dictionary(uniqueKeysWithValues: state.sweeps.groups.map { ($0.plan.id, $0.number) })
        // Oldest first, so the newest past sweep has the higher number.
        #expect((numbers[older.id] ?? 0) < (numbers[newer.id] ?? 0))
        #expect(SweepReducer.rows(state) == [.sweep(live.number), .sweep(numbers[newer.id] ?? 0), .sweep(numbers[older.id] ?? 0)])

        // Listed again: the same numbers; one gone from a complete listing leaves, not from an incomplete one.
        _ = Self.loaded([newer, older], into: &state)
        #expect(state.sweeps.groups.count == 3)
        _ = AppReducer.reduce(&state, .sweep(.pastSweepsLoaded([.init(manifest: newer, location: "x")], problems: [Self.unreachable], complete: false)))
        #expect(state.sweeps.groups.count == 3)
        #expect(state.message?.text == Self.unreachable.description && state.message?.isError == true)
        _ = Self.loaded([newer], into: &state)
        #expect(state.sweeps.groups.map(\.plan.id).sorted() == [newer.id, live.plan.id].sorted())
        #expect(state.sweeps.group(numbers[newer.id] ?? 0)?.plan.id == newer.id)
    }

    @Test func aGridLargerThanThePreviewLoadsAndDrawsOnlyWhatFits() throws {
        // 40 × 40 cells, as a manifest written elsewhere (or by hand) may have, on an 80x24 screen.
        let seeds = (1...40).map(String.init).joined(separator: ",")
        let plan = try SweepPlan.make(base: GenerationParameters(prompt: "a lighthouse", seed: 42),
                                      axes: [try .parse("seed=\(seeds)", maxValues: 2_000), try .parse("steps=10-49:1", maxValues: 2_000)],
                                      limits: SweepLimits(maxImages: 2_000))
        var manifest = SweepManifest(plan: plan, id: "20261129T101500Z-42-0000beef")
        for index in manifest.cells.indices {
            manifest.cells[index].status = .saved
            manifest.cells[index].key = "output-images/cell-\(index).png"
        }
        var state = F.state()
        _ = Self.loaded([manifest], into: &state)
        let effects = AppReducer.reduce(&state, .sweep(.showGrid(group: 1)))
        let loads = effects.compactMap { if case .sweep(.loadTile(_, let tile, let columns, let rows, _)) = $0 { (tile, columns, rows) } else { nil } }
        #expect(!loads.isEmpty && loads.count < 200, "\(loads.count) of 1,600 pictures asked for")
        for (tile, columns, rows) in loads {
            _ = AppReducer.reduce(&state, .sweep(.tileLoaded(tileKey: tile, F.picture(columns: columns, rows: rows, glyph: "▀"), image: F.cellImage(tile))))
        }
        // Pictures land inside the preview only, never over the other panels or the status line.
        let preview = Layout(width: 80, height: 24).preview
        for (row, line) in AppView.render(state).lines.enumerated() {
            for (column, character) in line.enumerated() where character == "▀" {
                #expect(preview.x < column && column < preview.maxX - 1 && preview.y < row && row < preview.maxY - 1, "▀ at \(column),\(row)")
            }
        }
    }

    static let unreachable = SweepRecordError.failed(location: "s3://b/output-sweeps/", detail: "Could not connect to 127.0.0.1:1")

    @Test func aSkippedManifestIsSaidOnceWithHowManyMore() throws {
        var state = SweepReducerTests.editing()
        let skipped: [SweepRecordError] = [.unreadable(key: "a", reason: "x"), .unreadable(key: "b", reason: "y")]
        _ = AppReducer.reduce(&state, .sweep(.pastSweepsLoaded([], problems: skipped, complete: true)))
        #expect(state.message?.text == "\(skipped[0]) (and 1 more)")
        #expect(state.sweeps.groups.isEmpty)
        // Not over an error still on screen.
        state.message = StatusMessage("The settings file has an error on line 3.", isError: true)
        _ = AppReducer.reduce(&state, .sweep(.pastSweepsLoaded([], problems: [skipped[1]], complete: true)))
        #expect(state.message?.text == "The settings file has an error on line 3.")
    }

    /// A missing bucket fails the gallery's listing too, which explains it in full; the status line stays free.
    @Test func aMissingBucketIsLeftToTheGallery() throws {
        var state = SweepReducerTests.editing()
        _ = AppReducer.reduce(&state, .galleryListingFailed(StorageError.noSuchBucket("my-images").description))
        _ = AppReducer.reduce(&state, .sweep(.pastSweepsLoaded([], problems: [.noSuchBucket("my-images")], complete: false)))
        #expect(state.message == nil)
        _ = AppReducer.reduce(&state, .sweep(.pastSweepsLoaded([], problems: [.noSuchBucket("my-images"), Self.unreachable], complete: false)))
        #expect(state.message?.text == Self.unreachable.description)
    }
}
