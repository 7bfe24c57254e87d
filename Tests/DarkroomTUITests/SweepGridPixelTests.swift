import DarkroomBackend
import DarkroomCore
@testable import DarkroomSweeps
import DarkroomTerminal
import Foundation
import Testing
@testable import DarkroomTUI

/// The sweep grid in pixels: which cells `PixelPlan` wants (the grid layout's boxes, the cursor's cell first, the
/// budget, no picture for a cell without an image, another set per Z page), and what the scheduler then erases and
/// draws as the grid pages, closes and opens full screen.
@Suite struct SweepGridPixelTests {
    typealias F = AppFixtures

    /// A past 3x2x2 sweep (cfg 4, 7, 10 × steps 20, 30 × seed 1, 2) on page 1: cell (1, 0) failed, (2, 1) cancelled.
    static func manifest() throws -> SweepManifest {
        let plan = try SweepPlan.make(base: GenerationParameters(prompt: "a lighthouse", seed: 42),
                                      axes: [try .parse("cfg_scale=4,7,10"), try .parse("steps=20,30"), try .parse("seed=1,2")])
        var manifest = SweepManifest(plan: plan, id: "20261129T101500Z-42-0000abcd")
        for index in manifest.cells.indices {
            let cell = manifest.cells[index]
            manifest.cells[index].status = .saved
            manifest.cells[index].key = "output-images/20261129T10150\(index % 10)Z-42-\(cell.x)\(cell.y)\(cell.z)00000.png"
        }
        for (x, y, status) in [(1, 0, SweepManifest.CellStatus.failed), (2, 1, .cancelled)] {
            let index = try #require(manifest.cells.firstIndex { $0.x == x && $0.y == y && $0.z == 0 })
            manifest.cells[index].status = status
            manifest.cells[index].key = nil
        }
        manifest.status = .finished
        return manifest
    }

    /// A 160x50 screen with a gallery of 12 images (thumbnails loaded) and the sweep's grid open, every picture it
    /// asked for loaded (`skipping` not).
    static func gridState(fullScreen: Bool = false, skipping: Set<String> = []) throws -> AppState {
        var state = F.stateWithGallery(12, width: 160, height: 50)
        for object in state.gallery.objects { _ = AppReducer.reduce(&state, .thumbnailLoaded(key: object.key, F.picture(columns: 4, rows: 2))) }
        if fullScreen { _ = AppReducer.reduce(&state, .toggleFullScreen) }
        _ = AppReducer.reduce(&state, .sweep(.pastSweepsLoaded([.init(manifest: try manifest(), location: "/bucket/output-sweeps/")],
                                                                problems: [], complete: true)))
        let number = try #require(state.sweeps.groups.first?.number)
        load(AppReducer.reduce(&state, .sweep(.showGrid(group: number))), into: &state, skipping: skipping)
        return state
    }

    /// Lands the cell pictures `effects` ask for, as their loads would.
    static func load(_ effects: [AppEffect], into state: inout AppState, skipping: Set<String> = []) {
        for effect in effects {
            guard case .sweep(.loadTile(let key, let tile, let columns, let rows, _)) = effect, !skipping.contains(key) else { continue }
            _ = AppReducer.reduce(&state, .sweep(.tileLoaded(tileKey: tile, F.picture(columns: columns, rows: rows), image: F.cellImage(tile))))
        }
    }

    /// The grid's layout and the cell at each wanted box, as the view draws them.
    static func cells(of wanted: [WantedImage], in state: AppState) throws -> (layout: SweepGridLayout, cells: [SweepManifest.Cell]) {
        let group = try #require(state.sweeps.groups.first)
        let manifest = group.manifest(jobs: state.jobs.queue)
        let layout = SweepGridLayout(area: SweepReducer.gridArea(state), manifest: manifest, cursor: state.sweeps.grid)
        let cells = try wanted.map { picture in try #require(manifest.cells.first { $0.key == picture.key }) }
        return (layout, cells)
    }

    @Test func theGridsCellsAreWantedInTheirLayoutBoxesCursorFirstWithinTheBudget() throws {
        var state = try Self.gridState()
        let wanted = PixelPlan.wanted(state)
        #expect(!wanted.contains { $0.role == .preview }, "the grid takes the preview's place")
        let cellsWanted = wanted.filter { $0.role == .sweepCell }
        let (layout, cells) = try Self.cells(of: cellsWanted, in: state)
        // Page 1's four cells with an image, each in the picture box the grid layout gives it; not the failed or
        // cancelled cell.
        #expect(cells.count == 4)
        #expect(cells.allSatisfy { $0.z == 0 && $0.status == .saved })
        #expect(Set(cells.map { "\($0.x),\($0.y)" }) == ["0,0", "2,0", "0,1", "1,1"])
        for (picture, cell) in zip(cellsWanted, cells) {
            #expect(picture.box == layout.tile(x: cell.x, y: cell.y))
            #expect(picture.etag == "\"etag-\(picture.key)\"", "the ETag the cell picture's load read")
            #expect(picture.imageID == WantedImage.sweepCellImageID(for: picture.key))
            #expect(picture.imageID != WantedImage.tileImageID(for: picture.key) && picture.imageID != WantedImage.previewImageID(for: picture.key))
        }
        #expect(cells.first.map { "\($0.x),\($0.y)" } == "0,0", "the cursor's cell first")
        #expect(wanted.prefix(4).allSatisfy { $0.role == .sweepCell }, "the grid before the gallery's tiles")

        // The budget: the cells share the preview's, the tiles keep theirs.
        #expect(cellsWanted.reduce(0) { $0 + $1.budget } <= PixelPlan.imageBudget)
        #expect(wanted.reduce(0) { $0 + $1.budget } <= PixelPlan.screenBudget)
        #expect(wanted.allSatisfy { $0.budget <= PixelPlan.imageBudget })
        var closed = state
        _ = AppReducer.reduce(&closed, .sweep(.closeGrid))
        let tiles = wanted.filter { $0.role == .tile }
        #expect(!tiles.isEmpty)
        #expect(tiles == PixelPlan.wanted(closed).filter { $0.role == .tile }, "the gallery's tiles are the same pictures with the grid open")
        #expect(PixelPlan.wanted(closed).first?.role == .preview, "closing the grid brings the preview back")

        // The cursor moves: the same pictures, its cell first.
        _ = AppReducer.reduce(&state, .sweep(.moveCell(dx: 1, dy: 1)))
        let moved = PixelPlan.wanted(state).filter { $0.role == .sweepCell }
        #expect(Set(moved) == Set(cellsWanted))
        #expect(try Self.cells(of: moved, in: state).cells.first.map { "\($0.x),\($0.y)" } == "1,1")
        // On a cell without an image, none is first: the others keep their order.
        _ = AppReducer.reduce(&state, .sweep(.moveCell(dx: 0, dy: -1)))
        #expect(PixelPlan.wanted(state).filter { $0.role == .sweepCell } == cellsWanted)
    }

    @Test func cellsWithoutALoadedPictureAreNotWanted() throws {
        let manifest = try Self.manifest()
        let notLoaded = try #require(manifest.cells.first { $0.z == 0 && $0.x == 2 && $0.y == 0 }?.key)
        var state = try Self.gridState(skipping: [notLoaded])
        #expect(!PixelPlan.wanted(state).contains { $0.key == notLoaded }, "still loading: blocks say so")
        // A picture that could not be read (gone from the bucket) has no pixels either.
        let gone = try #require(manifest.cells.first { $0.z == 0 && $0.x == 0 && $0.y == 1 }?.key)
        _ = AppReducer.reduce(&state, .sweep(.tileFailed(tileKey: "\(gone)@x", imageKey: gone, missing: true)))
        let wanted = PixelPlan.wanted(state).filter { $0.role == .sweepCell }
        #expect(wanted.count == 2 && !wanted.contains { $0.key == gone })
        // Help covers the grid: nothing.
        _ = AppReducer.reduce(&state, .toggleHelp)
        #expect(PixelPlan.wanted(state).isEmpty)
    }

    @Test func pagingWantsTheNextPagesCellsAndFullScreenUsesItsLayout() throws {
        var state = try Self.gridState()
        let first = Set(PixelPlan.wanted(state).filter { $0.role == .sweepCell }.map(\.key))
        Self.load(AppReducer.reduce(&state, .sweep(.nextPage(delta: 1))), into: &state)
        let second = PixelPlan.wanted(state).filter { $0.role == .sweepCell }
        let (layout, cells) = try Self.cells(of: second, in: state)
        #expect(cells.count == 6 && cells.allSatisfy { $0.z == 1 }, "page 2 has an image in every cell")
        #expect(first.isDisjoint(with: second.map(\.key)))
        for (picture, cell) in zip(second, cells) { #expect(picture.box == layout.tile(x: cell.x, y: cell.y)) }
        #expect(second.allSatisfy { $0.budget == PixelPlan.imageBudget / 6 })

        let full = try Self.gridState(fullScreen: true)
        let wanted = PixelPlan.wanted(full)
        #expect(wanted.count == 4 && wanted.allSatisfy { $0.role == .sweepCell }, "full screen: the grid alone")
        let (fullLayout, fullCells) = try Self.cells(of: wanted, in: full)
        #expect(fullLayout.area == SweepReducer.gridArea(full) && fullLayout.area.width > 120)
        for (picture, cell) in zip(wanted, fullCells) { #expect(picture.box == fullLayout.tile(x: cell.x, y: cell.y)) }
    }

    /// Through the scheduler (kitty): opening the grid deletes the preview and draws the cells; paging deletes
    /// every cell of the old page and draws the new page's; closing deletes the cells and draws the preview again.
    @Test func pagingAndClosingLeaveNoCellPictureBehind() throws {
        var state = try Self.gridState()
        Self.load(AppReducer.reduce(&state, .sweep(.nextPage(delta: 1))), into: &state)
        _ = AppReducer.reduce(&state, .sweep(.nextPage(delta: -1)))
        var closed = state
        _ = AppReducer.reduce(&closed, .sweep(.closeGrid))
        var paged = state
        _ = AppReducer.reduce(&paged, .sweep(.nextPage(delta: 1)))
        var scheduler = PixelScheduler(encoder: KittyEncoder(), cellPixels: PixelSize(width: 10, height: 20))
        for picture in PixelPlan.wanted(closed) + PixelPlan.wanted(state) + PixelPlan.wanted(paged) {
            let placed = PlacedPixels(bytes: Array("PICTURE-\(picture.imageID);".utf8), offset: (0, 0), columns: picture.box.width, rows: picture.box.height)
            scheduler.received(PixelResult(pixelKey: scheduler.pixelKey(for: picture), outcome: .success(placed)))
        }
        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        func ids(_ wanted: [WantedImage]) -> Set<UInt32> { Set(wanted.filter { $0.role == .sweepCell }.map(\.imageID)) }
        // Drawn: sent, or placed by id where the terminal still holds it (kitty).
        func drawn(_ graphics: GraphicsFrame) -> Set<UInt32> {
            Set(text(graphics.draw).components(separatedBy: "PICTURE-").dropFirst().compactMap { UInt32($0.prefix { $0 != ";" }) })
                .union(text(graphics.draw).components(separatedBy: "a=p,i=").dropFirst().compactMap { UInt32($0.prefix { $0.isNumber }) })
        }
        // Taken off the screen: deleted (`d=I`) or hidden with its data kept (`d=i`).
        func erased(_ graphics: GraphicsFrame) -> Set<UInt32> {
            Set(text(graphics.erase).components(separatedBy: "a=d,d=").dropFirst().compactMap { UInt32($0.dropFirst(4).prefix { $0.isNumber }) })
        }
        let previewID = try #require(PixelPlan.wanted(closed).first { $0.role == .preview }).imageID
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)

        _ = scheduler.frame(for: PixelPlan.wanted(closed), now: t0)
        let open = scheduler.frame(for: PixelPlan.wanted(state), now: t0.addingTimeInterval(1)).graphics
        #expect(erased(open) == [previewID])
        #expect(drawn(open) == ids(PixelPlan.wanted(state)))
        #expect(Set(scheduler.covered).isSuperset(of: PixelPlan.wanted(state).filter { $0.role == .sweepCell }.map(\.box)))
        #expect(scheduler.shownBytes > 0)

        // Moving the cursor keeps every picture: nothing erased, nothing sent.
        var moved = state
        _ = AppReducer.reduce(&moved, .sweep(.moveCell(dx: 1, dy: 1)))
        #expect(scheduler.frame(for: PixelPlan.wanted(moved), now: t0.addingTimeInterval(2)).graphics.isEmpty)

        let page = scheduler.frame(for: PixelPlan.wanted(paged), now: t0.addingTimeInterval(3)).graphics
        #expect(erased(page) == ids(PixelPlan.wanted(state)))
        #expect(drawn(page) == ids(PixelPlan.wanted(paged)))
        #expect(ids(PixelPlan.wanted(state)).isDisjoint(with: ids(PixelPlan.wanted(paged))))

        let back = scheduler.frame(for: PixelPlan.wanted(closed), now: t0.addingTimeInterval(4)).graphics
        #expect(erased(back) == ids(PixelPlan.wanted(paged)))
        #expect(drawn(back) == [previewID])
    }

    /// A sweep run here opens its grid at once; a cell turns into pixels when its job saved and its picture loaded,
    /// while the running and queued ones stay text.
    @Test func aSweepRunHereWantsOnlyItsSavedCells() throws {
        var (state, _) = SweepReducerTests.running()
        let group = try #require(state.sweeps.groups.first)
        #expect(state.sweeps.grid?.group == group.number)
        #expect(PixelPlan.wanted(state).filter { $0.role == .sweepCell }.isEmpty, "nothing saved yet")
        let id = group.cellJobs[0]
        let finished = AppReducer.reduce(&state, .jobFinished(id, SweepReducerTests.outcome(id)))
        Self.load(finished + AppReducer.reduce(&state, .tick(F.start)), into: &state)
        let wanted = PixelPlan.wanted(state).filter { $0.role == .sweepCell }
        #expect(wanted.map(\.key) == [SweepReducerTests.outcome(id).key])
        let manifest = group.manifest(jobs: state.jobs.queue)
        let cell = try #require(manifest.cells.first { $0.key == wanted.first?.key })
        #expect(wanted.first?.box == SweepGridLayout(area: SweepReducer.gridArea(state), manifest: manifest, cursor: state.sweeps.grid).tile(x: cell.x, y: cell.y))
        #expect(wanted.first?.budget == PixelPlan.imageBudget / 6, "shared by the six cells the grid shows")
    }
}
