import DarkroomBackend
import DarkroomCore
import DarkroomSetup
import DarkroomThreads
import DarkroomTestSupport
import DarkroomTUITesting
import Foundation
import Testing
@testable import DarkroomTUI

// The loop blocks as the app's UI thread does, so tests run it with `BlockingWork.run`: on a thread of its own,
// leaving the cooperative pool to the background tasks it waits for.

/// Lets the test hand the loop (used by one thread at a time) to the UI thread.
private final class LoopBox: @unchecked Sendable {
    let loop: AppLoop
    init(_ loop: AppLoop) { self.loop = loop }
}

/// The real loop, reducer, effects and local generation client, driven through a recording terminal.
@Suite struct AppLoopTests {
    /// How long a job may take here. The local engine's renders queue on the process's compute pool, one thread per
    /// core, which the suites running alongside fill too: alone a job takes under a second, in a whole run on two
    /// cores it has taken over 60 s. The deadline only stops a loop that never gets there.
    static let jobDeadline: TimeInterval = 300

    private struct Harness {
        let folder: TemporaryDirectory
        let terminal: RecordingTerminal
        let box: LoopBox
        let store: DirectoryStorage
    }

    private func harness(width: Int = 100, height: Int = 30) throws -> Harness {
        let folder = try TemporaryDirectory("app-loop")
        let environment = ["HOME": folder.url.path, "XDG_DATA_HOME": folder.url.appendingPathComponent("data").path,
                           "XDG_CACHE_HOME": folder.url.appendingPathComponent("cache").path]
        let setup = Setup.resolve(environment: environment)
        let store = try setup.localStore()
        let services = AppServices(client: LocalGenerationClient(store: store), store: store, cache: ImageCache(folder: setup.folders.imageCache),
                                   files: AppFiles(folder: setup.folders.data), downloadFolder: folder.url)
        let terminal = RecordingTerminal(width: width, height: height)
        let theme = Theme(colorMode: .xterm256, unicode: true)
        let state = AppState(screen: terminal.size, theme: theme, connection: ConnectionInfo(backend: "local", location: store.location),
                             now: Date())
        let inbox = ActionInbox()
        let loop = AppLoop(screen: terminal, state: state, runner: EffectRunner(services: services, inbox: inbox, theme: theme), inbox: inbox)
        return Harness(folder: folder, terminal: terminal, box: LoopBox(loop), store: store)
    }

    private func keys(_ text: String) -> [InputEvent] {
        text.map { .key(.char($0)) }
    }

    @Test func typingAndEnterGeneratesAnImageThatAppearsWithItsThumbnail() async throws {
        let h = try harness()
        defer { h.folder.remove() }
        h.terminal.scriptedInput = keys("a red fox") + [.key(KeyEvent(.enter))]
        let box = h.box
        let state = await BlockingWork.run { box.loop.run(deadline: Date().addingTimeInterval(Self.jobDeadline)) { state in
            // The gallery's own listing can find the stored image before the job's result arrives: wait for both.
            guard let key = state.gallery.objects.first?.key, state.jobs.queue.jobs.first?.output != nil else { return false }
            if case .picture = state.gallery.thumbnails[key] { return state.preview.picture?.key == key } else { return false }
        } }
        let job = try #require(state.jobs.queue.jobs.first)
        let key = try #require(job.output?.key)
        #expect(state.gallery.objects.map(\.key) == [key])
        #expect(state.gallery.metadata[key]?.parameters.prompt == "a red fox")
        let screen = try #require(h.terminal.lastFrame).lines.joined(separator: "\n")
        #expect(screen.contains("✓ #1 saved"))
        #expect(screen.contains("a red fox"))
        let history = AppFiles(folder: DarkroomFolders(environment: ["HOME": h.folder.url.path,
                                                                   "XDG_DATA_HOME": h.folder.url.appendingPathComponent("data").path]).data)
            .history.load()
        #expect(history == ["a red fox"])
    }

    @Test func regeneratingWithRGivesByteIdenticalImages() async throws {
        let h = try harness()
        defer { h.folder.remove() }
        h.terminal.scriptedInput = keys("tide pools at dusk") + [.key(KeyEvent(.enter))]
        let box = h.box
        var state = await BlockingWork.run { box.loop.run(deadline: Date().addingTimeInterval(Self.jobDeadline)) { $0.jobs.queue.jobs.first?.output != nil } }
        #expect(state.jobs.queue.jobs.count == 1)
        h.terminal.scriptedInput = [.key(KeyEvent(.tab)), .key(KeyEvent(.tab)), .key(.char("r"))]
        state = await BlockingWork.run {
            box.loop.run(initialActions: [], deadline: Date().addingTimeInterval(Self.jobDeadline)) { state in
                state.jobs.queue.jobs.count == 2 && state.jobs.queue.jobs.allSatisfy { $0.output != nil }
            }
        }
        let keys = state.jobs.queue.jobs.compactMap(\.output?.key)
        try #require(keys.count == 2)
        #expect(Set(keys).count == 2)
        #expect(state.jobs.queue.jobs[0].output?.seed == state.jobs.queue.jobs[1].output?.seed)
        let first = try await h.store.get(key: keys[0], range: nil).bytes
        let second = try await h.store.get(key: keys[1], range: nil).bytes
        #expect(first.count > 1000)
        #expect(first == second, "same parameters and seed store identical bytes, metadata included")
    }

    @Test func clipboardCopiesAreOSC52() throws {
        #expect(OSC52.sequence(copying: "s3://b/k") == Array("\u{1B}]52;c;czM6Ly9iL2s=\u{07}".utf8))
    }

    @Test func resizingRepaintsAtTheNewSize() async throws {
        let h = try harness(width: 80, height: 24)
        defer { h.folder.remove() }
        h.terminal.scriptedInput = [.resize(width: 120, height: 40), .key(.ctrl("c"))]
        let box = h.box
        let state = await BlockingWork.run { box.loop.run(deadline: Date().addingTimeInterval(20)) }
        #expect(state.isQuitting)
        let frame = try #require(h.terminal.lastFrame)
        #expect(frame.width == 120 && frame.height == 40)
    }
}

@Suite struct ImageCacheTests {
    @Test func bytesAreKeyedByVariantAndETag() throws {
        let folder = try TemporaryDirectory("cache")
        defer { folder.remove() }
        let cache = ImageCache(folder: folder.url)
        #expect(cache.bytes(variant: "image", etag: "\"abc\"") == nil)
        cache.store([1, 2, 3], variant: "image", etag: "\"abc\"")
        #expect(cache.bytes(variant: "image", etag: "\"abc\"") == [1, 2, 3])
        #expect(cache.bytes(variant: "thumbnail", etag: "\"abc\"") == nil)
        #expect(cache.bytes(variant: "image", etag: "\"abd\"") == nil)
    }
}
