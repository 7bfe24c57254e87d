import DarkroomBackend
import DarkroomCatalog
import DarkroomCore
import DarkroomGallery
import DarkroomImaging
import DarkroomSetup
import DarkroomThreads
import DarkroomTestSupport
import Foundation
import Synchronization
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
    /// How long a loop may wait for a listing. Alone, the 5,000-image test's first page arrives in well under a
    /// second; in a whole-suite run on two cores the listing's tasks wait for the cooperative pool behind CPU-bound
    /// tests, and one CI run saw no first page within 120 s (the rest then arrived within 7 s). Every wait ends as
    /// soon as what it waits for is there.
    static let patience: TimeInterval = 300

    /// 5,000 darkroom names over 50 days (the newest dated ahead of today), and a few foreign ones.
    static func fill(_ root: URL) throws -> (newest: String, second: String) {
        let images = root.appendingPathComponent("output-images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        let start = Keys.seconds(2026, 10, 1)
        for index in 0..<4_998 {
            let key = Keys.dated(start + index * 864, seed: UInt32(index), random: UInt32(index))
            try Data("x".utf8).write(to: root.appendingPathComponent(key))
        }
        let second = Keys.dated(Keys.seconds(2027, 1, 4, 10), seed: 1, random: 1)
        let newest = Keys.dated(Keys.seconds(2027, 1, 5, 10), seed: 2, random: 2)
        for key in [second, newest, "output-images/101010.png", "output-images/notes.png"] {
            try Data("x".utf8).write(to: root.appendingPathComponent(key))
        }
        return (newest, second)
    }

    /// The settings of an app whose data and cache live in `folder`.
    static func setup(in folder: TemporaryDirectory) -> Setup {
        Setup.resolve(environment: ["HOME": folder.url.path, "XDG_DATA_HOME": folder.url.appendingPathComponent("data").path,
                                    "XDG_CACHE_HOME": folder.url.appendingPathComponent("cache").path])
    }

    private func makeLoop(folder: TemporaryDirectory, wrap: (any ImageStore) -> any ImageStore = { $0 },
                          catalogProblem: (String?) -> Void = { #expect($0 == nil) }) throws -> GalleryLoopBox {
        let setup = Self.setup(in: folder)
        let store = wrap(try setup.localStore())
        let (catalog, problem) = setup.galleryCatalog(for: store)
        catalogProblem(problem)
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
        var state = await BlockingWork.run { box.loop.run(deadline: Date().addingTimeInterval(Self.patience)) { !$0.gallery.objects.isEmpty } }
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
                         deadline: Date().addingTimeInterval(Self.patience)) { $0.gallery.listing == .loaded }
        }
        #expect(state.gallery.objects.count == 5_002)
        #expect(state.gallery.selectedObject?.key == second)
        #expect(state.gallery.objects.first?.key == newest)

        // Reopen: the catalog paints all 5,002 at once, newest first, before any listing.
        let reopened = try makeLoop(folder: folder)
        state = await BlockingWork.run { reopened.loop.run(deadline: Date().addingTimeInterval(Self.patience)) { !$0.gallery.objects.isEmpty } }
        #expect(state.gallery.objects.count >= 500)
        #expect(state.gallery.selectedObject?.key == newest)
    }

    /// 30 PNGs carrying darkroom's record, one a minute: image i's prompt cycles through three subjects and its
    /// seed is i % 5.
    static func fillWithRecords(_ root: URL) throws -> [String] {
        let images = root.appendingPathComponent("output-images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        let pixel = try PNG.encode(RGBAImage(width: 1, height: 1, pixels: [200, 120, 40, 255]))
        let subjects = ["a heron in reeds", "a harbour at dawn", "a lighthouse in fog"]
        return try (0..<30).map { index in
            let key = Keys.dated(Keys.seconds(2026, 11, 20) + index * 60, seed: UInt32(index % 5), random: UInt32(index))
            let record = ImageMetadata(parameters: GenerationParameters(prompt: subjects[index % 3], seed: UInt32(index % 5)), engine: "local-preview")
            let png = try PNG.inserting(PNGTextChunk(keyword: ImageMetadata.jsonKeyword, text: record.json()), into: pixel)
            try Data(png).write(to: root.appendingPathComponent(key))
            return key
        }
    }

    @Test func slashFiltersAsYouTypeAndCountsWhatIsNotSearchedYetThenReadsNothingAgainOnTheNextStart() async throws {
        let folder = try TemporaryDirectory("gallery-search")
        defer { folder.remove() }
        let keys = try Self.fillWithRecords(folder.url.appendingPathComponent("data/darkroom/bucket"))
        // Reads are held back: the search first sees nothing it can search.
        let gated = Mutex<CountingStore?>(nil)
        let box = try makeLoop(folder: folder) { inner in
            let store = CountingStore(inner: inner, gated: true)
            gated.withLock { $0 = store }
            return store
        }
        let store = try #require(gated.withLock { $0 })
        var state = await BlockingWork.run {
            box.loop.run(deadline: Date().addingTimeInterval(Self.patience)) { $0.gallery.listing == .loaded && $0.gallery.usesCatalogSearch }
        }
        #expect(state.gallery.objects.count == 30)

        func type(_ actions: [AppAction], until done: @escaping @Sendable (AppState) -> Bool) async -> AppState {
            await BlockingWork.run { box.loop.run(initialActions: actions, deadline: Date().addingTimeInterval(Self.patience), stop: done) }
        }
        func frameText() -> String { box.terminal.lastFrame?.lines.joined(separator: "\n") ?? "" }

        state = await type([.focus(.gallery), .startFilter, .editFilter(.insert("h"))]) { $0.gallery.catalogMatchText == "h" }
        #expect(state.gallery.matchCount == 0)
        #expect(frameText().contains("not yet searched (30 left)"), "\(frameText())")
        #expect(frameText().contains("Gallery · 0 of 30 images"))

        // The background reader reads the heads; the search is asked again as it goes and the grid fills.
        store.openGate()
        state = await type([]) { $0.gallery.unsearchedCount == 0 && $0.gallery.catalogMatchText == "h" && $0.gallery.matchCount == 20 }
        #expect(!frameText().contains("not yet searched"))
        #expect(frameText().contains("Gallery · 20 of 30 images"))

        // Typing narrows the grid: `he` only herons, then a seed.
        state = await type([.editFilter(.insert("e"))]) { $0.gallery.catalogMatchText == "he" }
        #expect(state.gallery.matchCount == 10)
        #expect(frameText().contains("Gallery · 10 of 30 images"))
        state = await type([.editFilter(.insert(" seed:3"))]) { $0.gallery.catalogMatchText == "he seed:3" }
        let herons = keys.enumerated().filter { $0.offset % 3 == 0 && $0.offset % 5 == 3 }.map(\.element).reversed()
        #expect(state.gallery.visible.map { state.gallery.objects[$0].key } == Array(herons))
        #expect(frameText().contains("Gallery · 2 of 30 images"))
        // A half-typed field says what is wrong instead of a count.
        state = await type([.editFilter(.insert(" seed:x"))]) { $0.gallery.searchProblem != nil }
        #expect(frameText().contains("seed:"))
        let readsOnFirstStart = store.rangedGetRequests
        #expect(readsOnFirstStart > 0 && readsOnFirstStart <= 30, "each image's head at most once")

        // An image made now is searchable at once, before any listing brings it into the catalog.
        state = await type([.editFilter(.lineEnd), .editFilter(.killToLineStart)]) { $0.gallery.filter.isEmpty }
        state = await type([.finishFilter, .focus(.prompt), .edit(.insert("a kingfisher at dawn")), .submit]) {
            $0.gallery.objects.count == 31
        }
        state = await type([.focus(.gallery), .startFilter, .editFilter(.insert("kingfisher"))]) {
            $0.gallery.catalogMatchText == "kingfisher" && $0.gallery.matchCount == 1
        }
        #expect(frameText().contains("Gallery · 1 of 31 images"), "\(frameText())")

        // The next start: every image's parameters come from the catalog, none is read again.
        let counted = Mutex<CountingStore?>(nil)
        let reopened = try makeLoop(folder: folder) { inner in
            let store = CountingStore(inner: inner)
            counted.withLock { $0 = store }
            return store
        }
        let second = try #require(counted.withLock { $0 })
        state = await BlockingWork.run {
            reopened.loop.run(deadline: Date().addingTimeInterval(Self.patience)) { state in
                state.gallery.listing == .loaded && !state.gallery.metadataRequested.isEmpty
                    && state.gallery.metadataRequested.isSubset(of: state.gallery.metadataAnswered)
            }
        }
        #expect(state.gallery.metadata.values.contains { $0.parameters.prompt == "a heron in reeds" })
        #expect(second.rangedGetRequests == 0, "parameters are read once per image ever, not on every start")
    }

    /// Ctrl-R listed only names newer than the newest known one once the start's full listing was done: three
    /// images deleted from the bucket stayed in the gallery (and `d` still "saved" one from the image cache), and one
    /// put in under an older name never came. Every refresh now lists the whole bucket.
    /// With a cache folder that cannot hold the catalog (`$XDG_CACHE_HOME/darkroom` a file), the app filtered by
    /// text alone, so `seed:3` matched nothing, while `ls --search` answered it. It keeps a catalog in memory for the
    /// run, as `ls` does, and says why once.
    @Test func anUnusableCacheFolderStillSearchesFieldsFromACatalogInMemory() async throws {
        let folder = try TemporaryDirectory("gallery-no-cache")
        defer { folder.remove() }
        let keys = try Self.fillWithRecords(folder.url.appendingPathComponent("data/darkroom/bucket"))
        let blocked = folder.url.appendingPathComponent("cache/darkroom")
        try FileManager.default.createDirectory(at: blocked.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: blocked)
        var problem: String?
        let box = try makeLoop(folder: folder, catalogProblem: { problem = $0 })
        #expect(problem?.contains(blocked.path) == true, "\(problem ?? "no problem")")
        #expect(problem?.contains("a catalog is kept in memory for this run") == true)

        _ = await BlockingWork.run {
            box.loop.run(deadline: Date().addingTimeInterval(Self.patience)) { $0.gallery.listing == .loaded && $0.gallery.usesCatalogSearch }
        }
        let state = await BlockingWork.run {
            box.loop.run(initialActions: [.focus(.gallery), .startFilter, .editFilter(.insert("heron seed:3"))],
                         deadline: Date().addingTimeInterval(Self.patience)) {
                $0.gallery.catalogMatchText == "heron seed:3" && $0.gallery.unsearchedCount == 0 && $0.gallery.matchCount == 2
            }
        }
        let herons = keys.enumerated().filter { $0.offset % 3 == 0 && $0.offset % 5 == 3 }.map(\.element).reversed()
        #expect(state.gallery.visible.map { state.gallery.objects[$0].key } == Array(herons))
    }

    @Test func ctrlRListsTheWholeBucketSoDeletionsLeaveAndOlderNamesArrive() async throws {
        let folder = try TemporaryDirectory("gallery-refresh")
        defer { folder.remove() }
        let bucket = folder.url.appendingPathComponent("data/darkroom/bucket")
        let keys = try Self.fillWithRecords(bucket)
        let box = try makeLoop(folder: folder)
        var state = await BlockingWork.run { box.loop.run(deadline: Date().addingTimeInterval(Self.patience)) { $0.gallery.listing == .loaded } }
        #expect(state.gallery.objects.count == 30)

        for key in keys.suffix(3) { try FileManager.default.removeItem(at: bucket.appendingPathComponent(key)) }
        let older = Keys.dated(Keys.seconds(2026, 10, 1), seed: 3, random: 99)
        try FileManager.default.copyItem(at: bucket.appendingPathComponent(keys[5]), to: bucket.appendingPathComponent(older))
        state = await BlockingWork.run {
            box.loop.run(initialActions: [.focus(.gallery), .refreshGallery], deadline: Date().addingTimeInterval(Self.patience)) { $0.gallery.listing == .loaded }
        }
        #expect(Set(state.gallery.objects.map(\.key)) == Set(keys.dropLast(3) + [older]))
        #expect(state.gallery.selectedObject?.key == keys[26], "the newest image left is selected")
    }

    /// A catalog damaged inside (its schema still readable, so the open succeeded) failed its first query: the
    /// gallery showed 0 images with "database disk image is malformed" cut off in the status line, and Ctrl-R did
    /// not help. The file is set aside and started again, the status line says so, and the bucket is listed and
    /// read into the new file, so `/` finds images again.
    @Test func aCatalogDamagedInsideIsStartedAgainAndTheGalleryListsAndSearchesEverything() async throws {
        let folder = try TemporaryDirectory("gallery-damaged")
        defer { folder.remove() }
        _ = try Self.fillWithRecords(folder.url.appendingPathComponent("data/darkroom/bucket"))
        let setup = Self.setup(in: folder)
        let store = try setup.localStore()
        let path = Catalog.file(cacheFolder: setup.folders.cache, storeLocation: store.location).path
        do {
            let catalog = try Catalog.open(path: path)
            try catalog.upsert(try await BucketListing(store: store).listEverything())
        }
        try DamagedCatalog.overwriteImagePages(of: path)

        let box = try makeLoop(folder: folder)
        let toldTheUser = Mutex(false)
        var state = await BlockingWork.run {
            box.loop.run(deadline: Date().addingTimeInterval(Self.patience)) { state in
                if state.message?.text.contains(".set-aside-") == true { toldTheUser.withLock { $0 = true } }
                return state.gallery.listing == .loaded && state.gallery.objects.count == 30 && state.gallery.unsearchedCount == 0
                    && toldTheUser.withLock { $0 }
            }
        }
        #expect(state.gallery.objects.count == 30)
        #expect(toldTheUser.withLock { $0 })
        state = await BlockingWork.run {
            box.loop.run(initialActions: [.focus(.gallery), .startFilter, .editFilter(.insert("heron"))], deadline: Date().addingTimeInterval(Self.patience)) {
                $0.gallery.catalogMatchText == "heron" && $0.gallery.unsearchedCount == 0
            }
        }
        #expect(state.gallery.matchCount == 10)
    }
}
