import DarkroomBackend
import DarkroomCatalog
import DarkroomGallery
import DarkroomSetup
import DarkroomThreads
import DarkroomTestSupport
import Foundation
import DarkroomTUITesting
import Testing
@testable import DarkroomTUI

/// Lets the test hand the loop (used by one thread at a time) to the UI thread.
private final class GalleryLoopBox: @unchecked Sendable {
    let loop: AppLoop
    let terminal: RecordingTerminal
    init(_ loop: AppLoop, _ terminal: RecordingTerminal) {
        self.loop = loop
        self.terminal = terminal
    }
}

/// The gallery in the real loop over 5,000 images in the local folder bucket with a catalog: newest first
/// from the first frame, and a selection that stays where the user put it while more arrives.
@Suite struct GalleryLoopTests {
    /// 5,000 darkroom names over 50 days (the newest dated ahead of today), and a few foreign ones.
    static func fill(_ root: URL) throws -> (newest: String, second: String) {
        let images = root.appendingPathComponent("output-images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        let start = Keys.seconds(2026, 10, 1)
        for index in 0..<4_998 {
            let key = Keys.dated(start + index * 864, seed: UInt32(index), random: UInt32(index))
            FileManager.default.createFile(atPath: root.appendingPathComponent(key).path, contents: Data("x".utf8))
        }
        let second = Keys.dated(Keys.seconds(2027, 1, 4, 10), seed: 1, random: 1)
        let newest = Keys.dated(Keys.seconds(2027, 1, 5, 10), seed: 2, random: 2)
        for key in [second, newest, "output-images/101010.png", "output-images/notes.png"] {
            FileManager.default.createFile(atPath: root.appendingPathComponent(key).path, contents: Data("x".utf8))
        }
        return (newest, second)
    }

    private func makeLoop(folder: TemporaryDirectory) throws -> GalleryLoopBox {
        let environment = ["HOME": folder.url.path, "XDG_DATA_HOME": folder.url.appendingPathComponent("data").path,
                           "XDG_CACHE_HOME": folder.url.appendingPathComponent("cache").path]
        let setup = Setup.resolve(environment: environment)
        let store = try setup.localStore()
        let (catalog, problem) = setup.galleryCatalog(for: store)
        #expect(problem == nil)
        let services = AppServices(client: LocalGenerationClient(store: store), store: store, cache: ImageCache(folder: setup.folders.imageCache),
                                   files: AppFiles(folder: setup.folders.data), downloadFolder: folder.url, catalog: catalog)
        let terminal = RecordingTerminal(width: 180, height: 60)
        let theme = Theme(colorMode: .xterm256, unicode: true)
        let state = AppState(screen: terminal.size, theme: theme, connection: ConnectionInfo(backend: "local", location: store.location), now: Date())
        let inbox = ActionInbox()
        let loop = AppLoop(screen: terminal, state: state, runner: EffectRunner(services: services, inbox: inbox, theme: theme), inbox: inbox)
        return GalleryLoopBox(loop, terminal)
    }

    @Test func theFirstFrameShowsTheNewestSelectedAndAMovedSelectionStaysOnItsImage() async throws {
        let folder = try TemporaryDirectory("gallery-loop")
        defer { folder.remove() }
        let (newest, second) = try Self.fill(folder.url.appendingPathComponent("data/darkroom/bucket"))
        let box = try makeLoop(folder: folder)

        // First open, empty catalog: the newest page by date prefixes is the first listing to arrive.
        var state = await BlockingWork.run { box.loop.run(deadline: Date().addingTimeInterval(120)) { !$0.gallery.objects.isEmpty } }
        #expect(state.gallery.objects.count < 5_000, "only the newest days so far")
        #expect(state.gallery.visible.first.map { state.gallery.objects[$0].key } == newest)
        #expect(state.gallery.selectedObject?.key == newest)
        let frame = try #require(box.terminal.lastFrame).lines
        let galleryTop = try #require(frame.firstIndex { $0.contains("Gallery ·") })
        // The top-left tile's caption is the newest image's name (dated ahead of every other).
        let caption = try #require(frame[(galleryTop + 1)...].first { $0.contains("2027010") })
        #expect(caption.contains("20270105T1"))
        let firstTile = try #require(caption.range(of: "20270105T1"))
        if let other = caption.range(of: "20270104T1") { #expect(firstTile.lowerBound < other.lowerBound) }

        // Move to the second newest, then let the rest of the bucket arrive: the selection stays on that image.
        state = await BlockingWork.run {
            box.loop.run(initialActions: [.focus(.gallery), .moveGallerySelection(columns: 1, rows: 0)],
                         deadline: Date().addingTimeInterval(120)) { $0.gallery.listing == .loaded }
        }
        #expect(state.gallery.objects.count == 5_002)
        #expect(state.gallery.selectedObject?.key == second)
        #expect(state.gallery.objects.first?.key == newest)

        // Reopen: the catalog paints all 5,002 at once, newest first, before any listing.
        let reopened = try makeLoop(folder: folder)
        state = await BlockingWork.run { reopened.loop.run(deadline: Date().addingTimeInterval(120)) { !$0.gallery.objects.isEmpty } }
        #expect(state.gallery.objects.count >= 500)
        #expect(state.gallery.selectedObject?.key == newest)
    }
}
