import DarkroomBackend
import DarkroomCore
import DarkroomImaging
import DarkroomSetup
import DarkroomTerminal
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
    init(_ loop: AppLoop, _ terminal: RecordingTerminal, _ graphics: AppGraphics) {
        self.loop = loop
        self.terminal = terminal
        self.graphics = graphics
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

    func uploads(of id: UInt32) -> Int { written.components(separatedBy: "\u{1B}_Ga=T,f=100,i=\(id),").count - 1 }
}

/// The real loop with kitty graphics over a folder bucket of three PNGs: the preview uploaded once and its cells
/// left blank, text-only frames sending no picture, a selection change deleting before uploading, help taking
/// every picture away.
@Suite struct PixelLoopTests {
    private func makeLoop(folder: TemporaryDirectory) throws -> PixelLoopBox {
        let environment = ["HOME": folder.url.path, "XDG_DATA_HOME": folder.url.appendingPathComponent("data").path,
                           "XDG_CACHE_HOME": folder.url.appendingPathComponent("cache").path]
        let setup = Setup.resolve(environment: environment)
        let store = try setup.localStore()
        let images = folder.url.appendingPathComponent("data/darkroom/bucket/output-images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        for index in 0..<3 {
            var pixels = [UInt8](repeating: 255, count: 64 * 48 * 4)
            for offset in stride(from: 0, to: pixels.count, by: 4) { pixels[offset + index] = UInt8(offset / 4 % 64 * 4) }
            let key = ObjectNaming.imageKey(date: Date().addingTimeInterval(Double(index - 10)), seed: UInt32(index + 1))
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
        let loop = AppLoop(screen: terminal, state: state, runner: EffectRunner(services: services, inbox: inbox, theme: theme), inbox: inbox,
                           graphics: graphics)
        return PixelLoopBox(loop, terminal, graphics)
    }

    @Test func thePreviewIsUploadedOnceReplacedOnSelectionAndRemovedByHelp() async throws {
        let folder = try TemporaryDirectory("pixel-loop")
        defer { folder.remove() }
        let box = try makeLoop(folder: folder)

        // The newest image's preview, then its tiles (one encoding at a time): wait until all three tiles are up too.
        var state = await BlockingWork.run {
            box.loop.run(deadline: Date().addingTimeInterval(60)) { _ in box.written.components(separatedBy: "\u{1B}_Ga=T").count - 1 >= 4 }
        }
        try #require(box.written.components(separatedBy: "\u{1B}_Ga=T").count - 1 >= 4,
                     "the preview and the three tiles were not all drawn within 60 s (a starved machine)")
        // Anything late (under load) lands now, before the text-only frames are counted.
        await BlockingWork.run { box.settle() }
        #expect(box.uploads(of: 1) >= 1)
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

        // A selection change deletes the old preview, then uploads the new one.
        let before = box.written.count
        let previewUploads = box.uploads(of: 1)
        state = await BlockingWork.run {
            box.loop.run(initialActions: [.focus(.gallery), .moveGallerySelection(columns: 1, rows: 0)], deadline: Date().addingTimeInterval(60)) { _ in
                box.uploads(of: 1) > previewUploads
            }
        }
        let change = String(box.written.dropFirst(before))
        let delete = try #require(change.range(of: "\u{1B}_Ga=d,d=I,i=1,q=2"))
        let upload = try #require(change.range(of: "\u{1B}_Ga=T,f=100,i=1,"))
        #expect(delete.lowerBound < upload.lowerBound)
        #expect(change.components(separatedBy: "\u{1B}_Ga=T,f=100,i=1,").count - 1 == 1, "one upload for one change")

        // Help covers the panels: every picture is deleted and none is drawn.
        await BlockingWork.run { box.settle() }
        let beforeHelp = box.written.count
        state = await BlockingWork.run { box.loop.run(initialActions: [.toggleHelp], deadline: Date().addingTimeInterval(0.5)) { _ in false } }
        let help = String(box.written.dropFirst(beforeHelp))
        #expect(help.components(separatedBy: "a=d,d=I").count - 1 == 4, "the preview and three tiles")
        #expect(!help.contains("a=T"))
        #expect(state.overlay == .help(page: 0))

        // Closed again the pictures come back; Ctrl-Z deletes them before the terminal goes back to the shell.
        state = await BlockingWork.run {
            box.loop.run(initialActions: [.dismiss], deadline: Date().addingTimeInterval(60)) { _ in box.uploads(of: 1) > previewUploads + 1 }
        }
        let beforeSuspend = box.written.count
        let suspensions = box.terminal.suspensions
        state = await BlockingWork.run { box.loop.run(initialActions: [.suspend], deadline: Date().addingTimeInterval(0.5)) { _ in false } }
        #expect(box.terminal.suspensions == suspensions + 1)
        let suspend = String(box.written.dropFirst(beforeSuspend))
        let deleted = try #require(suspend.range(of: "\u{1B}_Ga=d,d=I,i=1,q=2"))
        // After the terminal comes back everything is drawn again, after the delete.
        #expect(suspend.range(of: "\u{1B}_Ga=T,f=100,i=1,").map { deleted.lowerBound < $0.lowerBound } ?? true)
    }
}
