import DarkroomBackend
import DarkroomCore
import DarkroomSweeps
import DarkroomImaging
import DarkroomSetup
@testable import DarkroomTerminal
import DarkroomTestSupport
import DarkroomThreads
import DarkroomTUITesting
import Foundation
import Testing
@testable import DarkroomTUI

/// Lets the test hand the loop (used by one thread at a time) to the UI thread.
private final class PixelLoopBox: @unchecked Sendable {
    let loop: AppLoop
    let terminal: RecordingTerminal
    let graphics: AppGraphics
    /// The bucket's image keys, oldest first.
    let keys: [String]
    init(_ loop: AppLoop, _ terminal: RecordingTerminal, _ graphics: AppGraphics, keys: [String]) {
        self.loop = loop
        self.terminal = terminal
        self.graphics = graphics
        self.keys = keys
    }

    /// Runs the loop until no picture is being encoded and nothing has been sent for a second (at most a minute):
    /// what a loaded machine delivers late lands here, not in the step the test counts next.
    func settle() {
        let end = Date().addingTimeInterval(60)
        var sent = terminal.passThrough.count
        var quietSince = Date()
        while Date() < end {
            _ = loop.run(initialActions: [], deadline: Date().addingTimeInterval(0.25)) { _ in false }
            if terminal.passThrough.count != sent {
                sent = terminal.passThrough.count
                quietSince = Date()
            } else if graphics.scheduler.inFlight == nil, graphics.scheduler.aheadInFlight == nil, Date().timeIntervalSince(quietSince) >= 1 {
                return
            }
        }
    }

    var written: String { String(decoding: terminal.passThrough.joined(), as: UTF8.self) }

    /// Where the pictures' way stopped, for a walk that waited in vain: the listing, the encodings, the uploads.
    func progress(_ state: AppState) -> String {
        let scheduler = graphics.scheduler
        return "listing \(state.gallery.listing), \(state.gallery.visible.count) images visible, "
            + "encoding \(scheduler.inFlight.map { "\($0.role) of \($0.key)" } ?? "none"), "
            + "ahead \(scheduler.aheadInFlight.map { "\($0.role) of \($0.key)" } ?? "none"), \(scheduler.cache.count) encoded, "
            + "\(written.components(separatedBy: "\u{1B}_Ga=T").count - 1) uploads, \(loop.wakeUps) wake-ups"
    }

    func uploads(of id: UInt32) -> Int { written.components(separatedBy: "\u{1B}_Ga=T,f=100,i=\(id),").count - 1 }

    /// The preview's kitty id when `key` is the selected image.
    func previewID(_ key: String) -> UInt32 { WantedImage.previewImageID(for: key) }

    /// What was written since `offset` characters of `written`.
    func written(since offset: Int) -> String { String(written.dropFirst(offset)) }
}

/// The real loop with kitty graphics over a folder bucket of three PNGs: the preview uploaded once and its cells
/// left blank, text-only frames sending no picture, a selection change deleting before uploading, help taking
/// every picture away; and a sweep grid's cells. Serialized: each walk waits for encodings, and two at once on a
/// loaded machine starve each other past their deadlines.
@Suite(.serialized) struct PixelLoopTests {
    /// How long a walk waits for pictures. Alone it takes seconds, but encodings queue on the process's one
    /// `ThreadPool.compute`, which the whole suite's other tests share: in a full run one waited 60 s behind them and
    /// drew 2 of its 4 pictures.
    static let patience: TimeInterval = 180

    /// With `answeringLate` the loop starts in blocks, as after a probe whose answers missed its deadline, and takes up
    /// the kitty graphics only once the late answers it reads as input show kitty.
    private func makeLoop(folder: TemporaryDirectory, answeringLate: Bool = false) throws -> PixelLoopBox {
        let environment = ["HOME": folder.url.path, "XDG_DATA_HOME": folder.url.appendingPathComponent("data").path,
                           "XDG_CACHE_HOME": folder.url.appendingPathComponent("cache").path]
        let setup = Setup.resolve(environment: environment)
        let store = try setup.localStore()
        let images = folder.url.appendingPathComponent("data/darkroom/bucket/output-images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        var keys: [String] = []
        for index in 0..<3 {
            var pixels = [UInt8](repeating: 255, count: 64 * 48 * 4)
            for offset in stride(from: 0, to: pixels.count, by: 4) { pixels[offset + index] = UInt8(offset / 4 % 64 * 4) }
            let key = ObjectNaming.imageKey(date: Date().addingTimeInterval(Double(index - 10)), seed: UInt32(index + 1))
            keys.append(key)
            try Data(try PNG.encode(RGBAImage(width: 64, height: 48, pixels: pixels)))
                .write(to: folder.url.appendingPathComponent("data/darkroom/bucket").appendingPathComponent(key))
        }
        let services = AppServices(client: LocalGenerationClient(store: store), store: store, cache: ImageCache(folder: setup.folders.imageCache),
                                   files: AppFiles(folder: setup.folders.data), downloadFolder: folder.url)
        let terminal = RecordingTerminal(width: 120, height: 40, colorMode: .truecolor)
        let theme = Theme(colorMode: .truecolor, unicode: true)
        let state = AppState(screen: terminal.size, theme: theme, connection: ConnectionInfo(backend: "local", location: store.location), now: Date())
        let inbox = ActionInbox()
        let graphics = AppGraphics(capabilities: TerminalCapabilities(colorMode: .truecolor, graphics: .kitty), encoder: KittyEncoder(),
                                   cellPixels: PixelSize(width: 10, height: 20), services: services, inbox: inbox)
        let late = answeringLate ? Self.nothingAnsweredYet() : nil
        let loop = AppLoop(screen: terminal, state: state, runner: EffectRunner(services: services, inbox: inbox, theme: theme), inbox: inbox,
                           graphics: answeringLate ? nil : graphics, lateAnswers: late,
                           startGraphics: { $0.graphics == .kitty && $0.cellPixels != nil ? graphics : nil })
        return PixelLoopBox(loop, terminal, graphics, keys: keys)
    }

    @Test func thePreviewIsUploadedOnceReplacedOnSelectionAndRemovedByHelp() async throws {
        let folder = try TemporaryDirectory("pixel-loop")
        defer { folder.remove() }
        let box = try makeLoop(folder: folder)

        // The newest image's preview, then its tiles (one encoding at a time): wait until all three tiles are up too.
        var state = await BlockingWork.run {
            box.loop.run(deadline: Date().addingTimeInterval(Self.patience)) { _ in box.written.components(separatedBy: "\u{1B}_Ga=T").count - 1 >= 4 }
        }
        try #require(box.written.components(separatedBy: "\u{1B}_Ga=T").count - 1 >= 4,
                     "the preview and the three tiles were not all drawn within \(Int(Self.patience)) s; \(box.progress(state))")
        // Anything late (under load) lands now, before the text-only frames are counted.
        await BlockingWork.run { box.settle() }
        let (newest, next) = (box.previewID(box.keys[2]), box.previewID(box.keys[1]))
        #expect(box.uploads(of: newest) >= 1)
        let area = Layout(width: 120, height: 40).previewPictureArea(fullScreen: false)
        let frame = try #require(box.terminal.lastFrame)
        for y in area.y..<area.maxY {
            #expect(frame.line(at: y).dropFirst(area.x).prefix(area.width).allSatisfy { $0 == " " }, "the picture's cells are blank")
        }

        // Typing in the prompt changes text only: no picture is sent again.
        let sentBefore = box.terminal.passThrough.count
        state = await BlockingWork.run {
            box.loop.run(initialActions: [.edit(.insert("a")), .edit(.insert("b"))], deadline: Date().addingTimeInterval(0.5)) { _ in false }
        }
        #expect(box.terminal.passThrough.count == sentBefore)
        #expect(state.prompt.editor.text == "ab")

        // A selection change hides the old preview (kitty keeps its data, to place it again), then uploads the new one.
        let before = box.written.count
        state = await BlockingWork.run {
            box.loop.run(initialActions: [.focus(.gallery), .moveGallerySelection(columns: 1, rows: 0)], deadline: Date().addingTimeInterval(Self.patience)) { _ in
                box.uploads(of: next) > 0
            }
        }
        let change = String(box.written.dropFirst(before))
        let delete = try #require(change.range(of: "\u{1B}_Ga=d,d=i,i=\(newest),q=2"))
        let upload = try #require(change.range(of: "\u{1B}_Ga=T,f=100,i=\(next),"))
        #expect(delete.lowerBound < upload.lowerBound)
        #expect(change.components(separatedBy: "\u{1B}_Ga=T,f=100,i=\(next),").count - 1 == 1, "one upload for one change")

        // Help covers the panels: every picture is taken off (hidden, kept in the terminal) and none is drawn.
        await BlockingWork.run { box.settle() }
        let beforeHelp = box.written.count
        state = await BlockingWork.run { box.loop.run(initialActions: [.toggleHelp], deadline: Date().addingTimeInterval(0.5)) { _ in false } }
        let help = String(box.written.dropFirst(beforeHelp))
        #expect(help.components(separatedBy: "a=d,d=i").count - 1 == 4, "the preview and three tiles")
        #expect(!help.contains("a=T") && !help.contains("a=p"))
        #expect(state.overlay == .help(page: 0))

        // Closed again the pictures come back, placed by id: nothing is sent again.
        let beforeDismiss = box.written.count
        state = await BlockingWork.run {
            box.loop.run(initialActions: [.dismiss], deadline: Date().addingTimeInterval(Self.patience)) { _ in
                box.written(since: beforeDismiss).components(separatedBy: "\u{1B}_Ga=p,").count - 1 >= 4
            }
        }
        let dismissed = box.written(since: beforeDismiss)
        #expect(dismissed.contains("\u{1B}_Ga=p,i=\(next),"), "the preview is placed again")
        #expect(!dismissed.contains("\u{1B}_Ga=T"), "no picture is sent again")

        // Ctrl-Z frees them before the terminal goes back to the shell.
        let beforeSuspend = box.written.count
        let suspensions = box.terminal.suspensions
        state = await BlockingWork.run { box.loop.run(initialActions: [.suspend], deadline: Date().addingTimeInterval(0.5)) { _ in false } }
        #expect(box.terminal.suspensions == suspensions + 1)
        let suspend = String(box.written.dropFirst(beforeSuspend))
        let deleted = try #require(suspend.range(of: "\u{1B}_Ga=d,d=I,i=\(next),q=2"))
        #expect(suspend.contains("\u{1B}_Ga=d,d=I,i=\(newest),q=2"), "the hidden preview is freed too")
        // After the terminal comes back everything is sent again (the terminal may have dropped it), after the delete.
        #expect(suspend.range(of: "\u{1B}_Ga=T,f=100,i=\(next),").map { deleted.lowerBound < $0.lowerBound } ?? true)
    }

    /// A probe in kitty (24-bit colour) whose query batch the terminal had not answered by the deadline.
    private static func nothingAnsweredYet() -> LateAnswers {
        LateAnswers(facts: CapabilityProbe.Facts(environment: ["TERM": "xterm-kitty", "COLORTERM": "truecolor"], preference: .auto,
                                                 terminfo: nil, replies: TerminalReplies()))
    }

    /// kitty's answers to the probe's batch (XTVERSION, the a=q query, CSI 16 t, DA1), one report each.
    static let kittyAnswers: [InputEvent] = ["\u{1B}P>|kitty(0.26.5)\u{1B}\\", "\u{1B}_Gi=31;OK\u{1B}\\", "\u{1B}[6;20;10t", "\u{1B}[?62;c"]
        .map { .terminalReport(Array($0.utf8)) }

    /// The terminal answered the probe after its deadline (a slow link, a terminal still starting): the app starts in
    /// blocks, sending no picture, and the late answers, read among the keys, move the pictures to kitty graphics
    /// with the status line saying so. Keys around them are still keys.
    @Test func lateKittyAnswersMoveThePicturesFromBlocksToPixels() async throws {
        let folder = try TemporaryDirectory("pixel-loop-late")
        defer { folder.remove() }
        let box = try makeLoop(folder: folder, answeringLate: true)
        let newest = box.previewID(box.keys[2])

        var state = await BlockingWork.run {
            box.loop.run(deadline: Date().addingTimeInterval(Self.patience)) { $0.preview.picture != nil }
        }
        try #require(state.preview.picture != nil, "the preview was not drawn in blocks within \(Int(Self.patience)) s")
        #expect(box.terminal.passThrough.isEmpty, "no picture is sent before the terminal has answered")

        // Only some of the answers: nothing changes yet.
        box.terminal.scriptedInput = [.key(.char("a"))] + Self.kittyAnswers.dropLast()
        state = await BlockingWork.run { box.loop.run(initialActions: [], deadline: Date().addingTimeInterval(0.5)) { _ in false } }
        #expect(box.terminal.passThrough.isEmpty, "nothing is decided before DA1")
        #expect(state.prompt.editor.text == "a")

        box.terminal.scriptedInput = [Self.kittyAnswers.last!, .key(.char("b"))]
        state = await BlockingWork.run {
            box.loop.run(initialActions: [], deadline: Date().addingTimeInterval(Self.patience)) { _ in box.uploads(of: newest) >= 1 }
        }
        #expect(box.uploads(of: newest) >= 1, "the preview is uploaded in pixels once the answers are in; \(box.progress(state))")
        #expect(state.message?.text == "Images: kitty graphics, 24-bit colour (--graphics or `graphics =` to change)")
        #expect(state.prompt.editor.text == "ab", "the answers were not typed")

        // A second set of the same answers (a terminal answering twice) changes nothing.
        await BlockingWork.run { box.settle() }
        let sent = box.terminal.passThrough.count
        box.terminal.scriptedInput = Self.kittyAnswers
        state = await BlockingWork.run { box.loop.run(initialActions: [], deadline: Date().addingTimeInterval(0.5)) { _ in false } }
        #expect(box.terminal.passThrough.count == sent)
    }

    /// Where the upload of kitty image `id` in `text` was positioned: the cell of the move before it (0-based).
    private static func position(of id: UInt32, in text: String) -> (x: Int, y: Int)? {
        guard let upload = text.range(of: "\u{1B}_Ga=T,f=100,i=\(id),") else { return nil }
        let before = text[..<upload.lowerBound]
        guard let move = before.range(of: "\u{1B}[", options: .backwards) else { return nil }
        let numbers = before[move.upperBound...].dropLast().split(separator: ";").compactMap { Int($0) }
        return numbers.count == 2 ? (numbers[1] - 1, numbers[0] - 1) : nil
    }

    /// A past sweep's grid in the preview, its cells in pixels: opening it deletes the preview's picture and uploads
    /// the page's cells (under their own ids, in the grid layout's boxes) while the gallery's tiles stay; moving the
    /// cursor sends nothing; paging deletes the old page's cells before uploading the next page's; full screen
    /// places them again in its bigger boxes; closing deletes them and brings the preview back.
    @Test func theSweepGridsCellsAreInPixelsAndPagingOrClosingLeavesNoneBehind() async throws {
        let folder = try TemporaryDirectory("pixel-loop-sweep")
        defer { folder.remove() }
        let box = try makeLoop(folder: folder)
        // 2 (cfg) x 1 (steps) x 2 (seed): page 1 holds the newest and the oldest image, page 2 the middle one and a
        // failed cell. The same images are gallery tiles at once.
        let plan = try SweepPlan.make(base: GenerationParameters(prompt: "a lighthouse", seed: 42),
                                      axes: [try .parse("cfg_scale=4,7"), try .parse("steps=20"), try .parse("seed=1,2")])
        var manifest = SweepManifest(plan: plan, id: "20261129T101500Z-42-0000abcd")
        let keys: [String: String] = ["0,0": box.keys[2], "1,0": box.keys[0], "0,1": box.keys[1]]
        for index in manifest.cells.indices {
            let cell = manifest.cells[index]
            manifest.cells[index].key = keys["\(cell.x),\(cell.z)"]
            manifest.cells[index].status = manifest.cells[index].key == nil ? .failed : .saved
        }
        manifest.status = .finished
        let manifestFile = folder.url.appendingPathComponent("data/darkroom/bucket").appendingPathComponent(manifest.key)
        try FileManager.default.createDirectory(at: manifestFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(manifest.encoded()).write(to: manifestFile)
        let cellID: @Sendable (String) -> UInt32 = { WantedImage.sweepCellImageID(for: $0) }
        let (newest, oldest, middle) = (box.keys[2], box.keys[0], box.keys[1])

        var state = await BlockingWork.run {
            box.loop.run(deadline: Date().addingTimeInterval(Self.patience)) { state in
                box.written.components(separatedBy: "\u{1B}_Ga=T").count - 1 >= 4 && state.sweeps.groups.contains(where: \.isStored)
            }
        }
        try #require(state.sweeps.groups.contains { $0.isStored }, "the past sweep was not listed within 60 s")
        await BlockingWork.run { box.settle() }
        let number = try #require(state.sweeps.groups.first(where: \.isStored)?.number)

        // Open: the preview's picture goes, page 1's two cells come, the gallery's tiles stay.
        let beforeGrid = box.written.count
        state = await BlockingWork.run {
            box.loop.run(initialActions: [.sweep(.showGrid(group: number))], deadline: Date().addingTimeInterval(Self.patience)) { _ in
                box.uploads(of: cellID(newest)) >= 1 && box.uploads(of: cellID(oldest)) >= 1
            }
        }
        await BlockingWork.run { box.settle() }
        let opened = box.written(since: beforeGrid)
        let preview = box.previewID(newest)
        #expect(opened.contains("\u{1B}_Ga=d,d=i,i=\(preview),q=2"), "the preview's picture is taken off")
        #expect(!opened.contains("\u{1B}_Ga=T,f=100,i=\(preview),") && !opened.contains("\u{1B}_Ga=p,i=\(preview),"),
                "and not drawn while the grid is open")
        #expect(opened.components(separatedBy: "\u{1B}_Ga=T,f=100,i=\(cellID(newest)),").count - 1 == 1)
        #expect(opened.components(separatedBy: "\u{1B}_Ga=T,f=100,i=\(cellID(oldest)),").count - 1 == 1)
        #expect(!opened.contains("\u{1B}_Ga=T,f=100,i=\(cellID(middle)),"), "page 2 is not drawn")
        for key in box.keys { #expect(!opened.contains("i=\(WantedImage.tileImageID(for: key)),q=2"), "the gallery's tiles stay") }
        let layout = SweepGridLayout(area: SweepReducer.gridArea(state), manifest: manifest, cursor: state.sweeps.grid)
        let frame = try #require(box.terminal.lastFrame)
        for (x, key) in [(0, newest), (1, oldest)] {
            let tile = layout.tile(x: x, y: 0)
            let at = try #require(Self.position(of: cellID(key), in: opened))
            #expect(tile.x <= at.x && at.x < tile.maxX && tile.y <= at.y && at.y < tile.maxY, "cell \(x) drawn at \(at), its box \(tile)")
            for y in tile.y..<tile.maxY {
                #expect(frame.line(at: y).dropFirst(tile.x).prefix(tile.width).allSatisfy { $0 == " " }, "the cell's box is left to the picture")
            }
        }

        // Moving the cursor keeps every picture.
        let beforeMove = box.written.count
        state = await BlockingWork.run {
            box.loop.run(initialActions: [.sweep(.moveCell(dx: 1, dy: 0))], deadline: Date().addingTimeInterval(0.5)) { _ in false }
        }
        #expect(state.sweeps.grid?.x == 1)
        #expect(!box.written(since: beforeMove).contains("\u{1B}_G"), "no picture deleted or sent")

        // Page 2: page 1's cells are deleted before the middle image is uploaded; the failed cell has none.
        let beforePage = box.written.count
        state = await BlockingWork.run {
            box.loop.run(initialActions: [.sweep(.nextPage(delta: 1))], deadline: Date().addingTimeInterval(Self.patience)) { _ in
                box.uploads(of: cellID(middle)) >= 1
            }
        }
        await BlockingWork.run { box.settle() }
        let paged = box.written(since: beforePage)
        let upload = try #require(paged.range(of: "\u{1B}_Ga=T,f=100,i=\(cellID(middle)),"))
        for key in [newest, oldest] {
            let delete = try #require(paged.range(of: "\u{1B}_Ga=d,d=i,i=\(cellID(key)),q=2"), "page 1's cell \(key) is taken off")
            #expect(delete.lowerBound < upload.lowerBound)
        }
        #expect(!paged.contains("\u{1B}_Ga=T,f=100,i=\(cellID(newest)),") && !paged.contains("\u{1B}_Ga=T,f=100,i=\(cellID(oldest)),"))

        // Full screen: the cell again in the full-screen layout's box (the gallery's tiles are covered).
        let beforeFull = box.written.count
        state = await BlockingWork.run {
            box.loop.run(initialActions: [.toggleFullScreen], deadline: Date().addingTimeInterval(Self.patience)) { _ in
                box.written(since: beforeFull).contains("\u{1B}_Ga=T,f=100,i=\(cellID(middle)),")
            }
        }
        let full = box.written(since: beforeFull)
        #expect(state.preview.isFullScreen)
        let fullTile = SweepGridLayout(area: SweepReducer.gridArea(state), manifest: manifest, cursor: state.sweeps.grid).tile(x: 0, y: 0)
        let fullAt = try #require(Self.position(of: cellID(middle), in: full))
        #expect(fullTile.x <= fullAt.x && fullAt.x < fullTile.maxX && fullTile.y <= fullAt.y && fullAt.y < fullTile.maxY,
                "drawn at \(fullAt), the full-screen box \(fullTile)")
        #expect(full.contains("a=d,d=i,i=\(WantedImage.tileImageID(for: newest)),"), "the gallery's tiles are covered")

        // Closed (full screen off first, as Esc does): the cell goes and the preview's picture comes back, placed by
        // id (the terminal kept it while the grid was open).
        await BlockingWork.run { box.settle() }
        let beforeClose = box.written.count
        state = await BlockingWork.run {
            box.loop.run(initialActions: [.toggleFullScreen, .sweep(.closeGrid)], deadline: Date().addingTimeInterval(Self.patience)) { _ in
                box.written(since: beforeClose).contains("\u{1B}_Ga=p,i=\(preview),")
            }
        }
        let closed = box.written(since: beforeClose)
        #expect(state.sweeps.grid == nil)
        let delete = try #require(closed.range(of: "\u{1B}_Ga=d,d=i,i=\(cellID(middle)),q=2"), "the cell's picture is taken off")
        let placed = try #require(closed.range(of: "\u{1B}_Ga=p,i=\(preview),"))
        #expect(delete.lowerBound < placed.lowerBound)
        #expect(!closed.contains("\u{1B}_Ga=T,f=100,i=\(cellID(middle)),"))
    }
}
