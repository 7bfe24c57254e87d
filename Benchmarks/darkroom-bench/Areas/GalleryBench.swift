import ArgumentParser
import DarkroomAWS
import DarkroomBackend
import DarkroomCatalog
import DarkroomCore
import DarkroomGallery
import DarkroomTUI
import DarkroomTUITesting
import DarkroomTestSupport
import DarkroomThreads
import Foundation

/// `darkroom-bench gallery`: the gallery at scale against moto_server — first open with an empty catalog,
/// warm reopen, an incremental refresh, catalog search per keystroke, memory, and `darkroom ls` beside
/// `s5cmd ls` and `aws s3 ls`. moto's own time per request (it scans and sorts keys on every request) is
/// printed first: it is the floor under every figure here.
struct GalleryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery",
        abstract: "Time the gallery's listing, catalog and search over a large bucket in moto_server."
    )

    @Option(help: "darkroom-named images in the large bucket.")
    var images = 100_000
    @Option(help: "Days those images span (the newest a minute ago).")
    var days = 365
    @Option(help: "Reference-format keys (HHMMSS.png) added to the large bucket.")
    var reference = 500
    @Option(help: "Keys in the bucket `darkroom ls` is timed on.")
    var lsKeys = 10_000
    @Option(help: "Rounds of each whole-process listing (the median is printed).")
    var rounds = 3
    @OptionGroup var listingComparison: ListingComparison

    func run() async throws {
        let moto = try await FilledMoto.start(buckets: [
            ("large", images, Double(days), reference), ("listing", lsKeys, 30, 0), ("issue", 20_000, 10, 0),
        ])
        defer { moto.stop() }
        print("darkroom-bench gallery: moto_server on \(moto.endpoint) filled in \(moto.fillSeconds) s "
              + "(large: \(images) images over \(days) days + \(reference) reference keys; listing: \(lsKeys); issue: 20000 over 10 days)")
        let client = BenchAccount.s3Client(endpoint: moto.endpoint)
        let large = CountingStore(inner: S3Storage(bucket: "large", client: client))

        // moto's own time per request: a narrow prefix (one day) and the whole prefix.
        let today = DayStamp(daysSince1970: Int(Date().timeIntervalSince1970) / 86_400)
        var narrow: [Double] = [], broad: [Double] = []
        for _ in 0..<5 {
            narrow.append(try await Stopwatch.milliseconds { _ = try await large.list(prefix: today.prefix, startAfter: nil, continuationToken: nil, maxKeys: 1000) })
            broad.append(try await Stopwatch.milliseconds { _ = try await large.list(prefix: DatedKey.root, startAfter: nil, continuationToken: nil, maxKeys: 1) })
        }
        print(String(format: "moto per request (floor): one day's prefix %.0f ms, all of output-images/ (max-keys 1) %.0f ms (medians of 5)",
                     Samples(narrow).median, Samples(broad).median))

        let cache = try TemporaryDirectory("darkroom-bench-gallery")
        defer { cache.remove() }
        let catalogPath = cache.url.appendingPathComponent("catalog.sqlite").path

        // First open, empty catalog.
        large.resetCount()
        let first = try await Self.openApp(store: large, catalogPath: catalogPath, until: { $0.gallery.objects.count >= 24 })
        print(String(format: "first open, empty catalog: newest 24 tiles listed and painted in %.0f ms (%d list requests); newest first: %@",
                     first.milliseconds, first.requestsAtPaint, first.newestFirst ? "yes" : "NO"))
        let full = first.rest
        print(String(format: "  the full count (%d images) completed in the background after %.1f s (%d list requests in all); RSS %.0f MB",
                     full.count, full.seconds, large.listRequests, ResidentMemory.megabytes()))

        // Warm reopen.
        large.resetCount()
        let warm = try await Self.openApp(store: large, catalogPath: catalogPath, until: { !$0.gallery.objects.isEmpty }, waitForRest: false)
        print(String(format: "warm reopen: first paint in %.0f ms (%d list requests before it)", warm.milliseconds, warm.requestsAtPaint))

        // Refresh after one new image.
        // A store of its own: the app instances above still run their background work on `large`.
        let catalog = try Catalog.open(path: catalogPath)
        let refreshed = CountingStore(inner: S3Storage(bucket: "large", client: client))
        try await refreshed.put(key: ObjectNaming.imageKey(date: Date(), seed: 1), bytes: [1], contentType: "image/png", metadata: [:])
        let refresh = try await CatalogRefresher(catalog: catalog, listing: BucketListing(store: refreshed)).refreshNew()
        print("refresh after one new image: \(refreshed.listRequests) List request(s), \(refresh.entries.count) keys seen")

        // Search per keystroke over the whole catalog, every image's parameters known.
        try Self.fillParameters(catalog)
        let rows = try catalog.count()
        let typed = "golden hour cat seed:7"
        var keystrokes: [Double] = []
        var matches = 0
        for length in 1...typed.count {
            let text = String(typed.prefix(length))
            guard let query = try? SearchQuery.parse(text) else { continue }
            // What the app asks per keystroke: the first window of matches, their number, and what is unread.
            keystrokes.append(try Stopwatch.milliseconds {
                matches = try catalog.searchWindowKeys(query, limit: 600).total
                _ = try catalog.unreadCount()
            })
        }
        let samples = Samples(keystrokes)
        print(String(format: "search per keystroke over %d rows, the catalog's part (\"%@\", %d keystrokes; the keys of a 600-match window + count): "
                     + "median %.1f ms, p95 %.1f ms, max %.1f ms (goal: <= 20 ms; last: %d matches)",
                     rows, typed, keystrokes.count, samples.median, samples.percentile(0.95), keystrokes.max() ?? 0, matches))
        // The same typed into the app (its gallery holding every row): keystroke → reducer → catalog → reducer → frame.
        let typing = try await Self.typeIntoGallery(store: large, catalogPath: catalogPath, text: typed)
        print(String(format: "search per keystroke in the app (\"%@\" typed after /, gallery of %d images; key to the frame with its answer): median %.1f ms, p95 %.1f ms, max %.1f ms "
                     + "(frames painted per keystroke: median %.0f, max %.0f; one frame renders in %.2f ms)",
                     typed, typing.images, typing.samples.median, typing.samples.percentile(0.95), typing.samples.maximum,
                     typing.frames.median, typing.frames.maximum, typing.renderMilliseconds))
        print(String(format: "resident memory of this bench process now (the app's gallery of %d images, its catalog and the bench's own): %.0f MB",
                     typing.images, ResidentMemory.megabytes()))

        // The issue's case: 20,000 images over 10 days.
        let issue = CountingStore(inner: S3Storage(bucket: "issue", client: client))
        let before = try await Stopwatch.milliseconds { _ = try await issue.listAll(prefix: DatedKey.root) }
        let beforeRequests = issue.listRequests
        issue.resetCount()
        let listing = BucketListing(store: issue)
        var page: [GalleryEntry] = []
        let newest = try await Stopwatch.milliseconds { page = try await listing.newestPage(count: 24).entries }
        let newestRequests = issue.listRequests
        issue.resetCount()
        let everything = try await Stopwatch.milliseconds { _ = try await listing.listEverything() }
        print(String(format: "20,000 keys over 10 days: before, one continuation-token stream to reach the newest: %.0f ms (%d requests); "
                     + "after, the newest page: %.0f ms (%d requests, %d keys), the whole listing by date prefixes: %.0f ms (%d requests)",
                     before, beforeRequests, newest, newestRequests, page.count, everything, issue.listRequests))

        try appWhileListing(endpoint: moto.endpoint)
        try await listingComparison.run(endpoint: moto.endpoint, bucket: "listing", prefix: DatedKey.root, keys: lsKeys, rounds: rounds,
                                  target: "darkroom ≤ 0.8× s5cmd ls")
    }

    /// The built app on a pseudo-terminal, first open of the large bucket (empty catalog): key to paint in the
    /// prompt while the gallery's full listing runs in the background, then the app's resident memory once the
    /// gallery holds every image.
    private func appWhileListing(endpoint: String) throws {
        let home = try TemporaryDirectory("darkroom-bench-gallery-app")
        defer { home.remove() }
        let app = try PseudoTerminal.darkroomApp(
            home: home.url, arguments: ["--backend", "bedrock", "--bucket", "large"],
            environment: BenchAccount.environment(endpoint: endpoint),
            width: 180, height: 60)
        defer {
            app.send("\u{03}")
            _ = try? app.waitForExit(timeout: .seconds(10))
        }
        try app.waitFor(text: "Describe the image, then press Enter.")
        try app.waitFor(text: "loading…", timeout: .seconds(60))
        var samples: [Double] = []
        var typed = 0
        while samples.count < 60, app.screen.text.contains("loading…") {
            typed += 1
            let sent = ContinuousClock.now
            app.send("a")
            let painted = try app.waitFor(text: "\(typed)/2000 chars", timeout: .seconds(10))
            // Only keys painted while the listing was still running count.
            if app.screen.text.contains("loading…") { samples.append((painted - sent).milliseconds) }
            let pause = ContinuousClock.now + .milliseconds(50)
            while ContinuousClock.now < pause { app.pump(timeout: pause - .now) }
        }
        let latency = Samples(samples)
        print(String(format: "the app, first open of the large bucket: key to paint while the full listing runs: median %.1f ms, p95 %.1f ms, "
                     + "max %.1f ms over %d keys (goal: p95 <= 16 ms)", latency.median, latency.p95, latency.maximum, latency.count))
        try app.waitFor("the full listing to complete", timeout: .seconds(600)) { $0.text.contains("newest first · / filter") }
        let title = app.screen.text.split(separator: "\n").first { $0.contains("Gallery ·") }.map { String($0) } ?? ""
        print(String(format: "  the app's resident memory with the listing complete: %.0f MB (goal: <= 150 MB); %@",
                     ResidentMemory.megabytes(pid: app.pid), title.trimmingCharacters(in: .whitespaces) as NSString))
    }

    /// The app on `store` with the catalog at `catalogPath`, in a 180×60 recording terminal: time until `until`
    /// holds (a frame is painted on every pass), then, unless told not to, until the listing has completed.
    private static func openApp(store: any ImageStore, catalogPath: String, until: @escaping @Sendable (AppState) -> Bool,
                                waitForRest: Bool = true) async throws -> AppRun {
        let folder = try TemporaryDirectory("darkroom-bench-app")
        defer { folder.remove() }
        let box = try BenchLoopBox(store: store, catalogPath: catalogPath, folder: folder)
        // Its background reader would go on reading 100,000 heads from moto under the figures that follow.
        defer { box.runner.stopGalleryWork() }
        let counting = store as? CountingStore
        let started = ContinuousClock.now
        let painted = await BlockingWork.run { box.loop.run(deadline: Date().addingTimeInterval(600), stop: until) }
        let milliseconds = (ContinuousClock.now - started).milliseconds
        let requests = counting?.listRequests ?? 0
        let newestFirst = zip(painted.gallery.objects, painted.gallery.objects.dropFirst()).allSatisfy {
            GalleryEntry.newestFirst(GalleryEntry($0), GalleryEntry($1)) || $0.key == $1.key
        } && painted.gallery.selectedObject?.key == painted.gallery.objects.first?.key
        guard waitForRest else { return AppRun(milliseconds: milliseconds, requestsAtPaint: requests, newestFirst: newestFirst, rest: (0, 0)) }
        // No second refresh: the first listing goes on in the background.
        let done = await BlockingWork.run {
            box.loop.run(initialActions: [], deadline: Date().addingTimeInterval(900)) { $0.gallery.listing == .loaded }
        }
        let seconds = (ContinuousClock.now - started).milliseconds / 1000
        return AppRun(milliseconds: milliseconds, requestsAtPaint: requests, newestFirst: newestFirst, rest: (done.gallery.objects.count, seconds))
    }

    /// Opens the app on the warm catalog, waits until its listing is done, then types `text` after `/`
    /// a key at a time, timing each key until the frame shows the catalog's answer for it.
    private static func typeIntoGallery(store: any ImageStore, catalogPath: String, text: String) async throws
        -> (samples: Samples, images: Int, frames: Samples, renderMilliseconds: Double) {
        let folder = try TemporaryDirectory("darkroom-bench-search")
        defer { folder.remove() }
        let box = try BenchLoopBox(store: store, catalogPath: catalogPath, folder: folder)
        defer { box.runner.stopGalleryWork() }
        let loaded = await BlockingWork.run {
            // Its listing done first: the figure is the search's, not the background listing's (timed on the pty below).
            box.loop.run(deadline: Date().addingTimeInterval(600)) { $0.gallery.listing == .loaded && $0.gallery.usesCatalogSearch }
        }
        _ = await BlockingWork.run { box.loop.run(initialActions: [.focus(.gallery), .startFilter], deadline: Date().addingTimeInterval(10)) { $0.gallery.isEditingFilter } }
        // The keys are typed on the thread the loop runs on, each timed from its dispatch to the frame with the
        // catalog's answer for it: the app's own path (key → reducer → catalog on a thread of its own → reducer →
        // frame), without the bench's hand-offs to and from that thread.
        let (samples, frames, last) = await BlockingWork.run { () -> ([Double], [Double], AppState) in
            var samples: [Double] = []
            var frames: [Double] = []
            var last = box.loop.state
            for length in 1...text.count {
                let prefix = String(text.prefix(length))
                let key = String(text[text.index(text.startIndex, offsetBy: length - 1)])
                let framesBefore = box.terminal.frames.count
                let started = ContinuousClock.now
                var answered: ContinuousClock.Instant?
                // A text the catalog cannot search (`seed:` before its number) is answered with a problem; any other
                // with its matches (a problem still shown from the text before does not count).
                let refused = (try? SearchQuery.parse(prefix)) == nil
                last = box.loop.run(initialActions: [.editFilter(.insert(key))], deadline: Date().addingTimeInterval(10)) { state in
                    // Asked right after each frame is presented.
                    let done = refused ? state.gallery.searchProblem != nil : state.gallery.catalogMatchText == prefix
                    if done, answered == nil { answered = .now }
                    return done
                }
                samples.append(((answered ?? .now) - started).milliseconds)
                frames.append(Double(box.terminal.frames.count - framesBefore))
            }
            return (samples, frames, last)
        }
        let final = last
        let render = Stopwatch.milliseconds { for _ in 0..<20 { _ = AppView.render(final) } } / 20
        return (Samples(samples), loaded.gallery.objects.count, Samples(frames), render)
    }

    struct AppRun {
        var milliseconds: Double
        var requestsAtPaint: Int
        var newestFirst: Bool
        var rest: (count: Int, seconds: Double)
    }

    /// Gives every catalog row synthetic parameters (as if every head had been read), for the search figure.
    private static func fillParameters(_ catalog: Catalog) throws {
        let words = ["golden", "hour", "cat", "marathon", "lighthouse", "storm", "fox", "snow", "harbour", "dusk", "neon", "city",
                     "forest", "portrait", "watercolor", "mountain", "river", "robot", "garden", "night"]
        var offset = 0
        while true {
            let rows = try catalog.newest(limit: 5_000, offset: offset)
            guard !rows.isEmpty else { return }
            let reads = rows.enumerated().map { index, image -> (key: String, etag: String, outcome: HeadMetadataReader.Outcome) in
                let n = offset + index
                let prompt = (0..<6).map { words[(n &* 2_654_435_761 &+ $0 &* 40_503) % words.count] }.joined(separator: " ")
                let parameters = GenerationParameters(prompt: prompt, negativePrompt: "blurry", cfgScale: 7, steps: 30, seed: UInt32(n % 1000))
                return (image.key, image.entry.object.etag, .parameters(ImageMetadata(parameters: parameters, engine: "bedrock")))
            }
            try catalog.record(reads)
            offset += rows.count
        }
    }
}

/// The app on a store with the catalog at a path, in a 180×60 recording terminal; lets the bench hand the loop
/// (used by one thread at a time) to a thread of its own.
private final class BenchLoopBox: @unchecked Sendable {
    let loop: AppLoop
    let runner: EffectRunner
    let terminal: RecordingTerminal

    init(store: any ImageStore, catalogPath: String, folder: TemporaryDirectory) throws {
        let catalog = try Catalog.open(path: catalogPath)
        let services = AppServices(client: LocalGenerationClient(store: store), store: store, cache: ImageCache(folder: folder.url),
                                   files: AppFiles(folder: folder.url), downloadFolder: folder.url, catalog: catalog)
        terminal = RecordingTerminal(width: 180, height: 60)
        let theme = Theme(colorMode: .xterm256, unicode: true)
        let state = AppState(screen: terminal.size, theme: theme, connection: ConnectionInfo(backend: "bench", location: store.location), now: Date())
        let inbox = ActionInbox()
        runner = EffectRunner(services: services, inbox: inbox, theme: theme)
        loop = AppLoop(screen: terminal, state: state, runner: runner, inbox: inbox)
    }
}

/// moto_server in a Python process that fills its buckets in memory before serving (writing 100,000 keys
/// through the API would take many minutes): darkroom-named keys spread back from a minute ago, and
/// reference-format `HHMMSS.png` keys with past LastModified dates.
final class FilledMoto: Sendable {
    let process: BackgroundProcess
    let endpoint: String
    let fillSeconds: String

    private init(process: BackgroundProcess, endpoint: String, fillSeconds: String) {
        self.process = process
        self.endpoint = endpoint
        self.fillSeconds = fillSeconds
    }

    static let script = """
        import sys, datetime, threading, time
        from moto.moto_server.threaded_moto_server import ThreadedMotoServer
        from moto.s3.models import s3_backends
        port = int(sys.argv[1])
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        server.start()
        backend = s3_backends["123456789012"]["aws"]
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        started = time.time()
        for spec in sys.argv[2:]:
            bucket, count, days, reference = spec.split(":")
            count, days, reference = int(count), float(days), int(reference)
            backend.create_bucket(bucket, "us-east-1")
            step = days * 86400 / max(count, 1)
            for i in range(count):
                t = now - datetime.timedelta(seconds=60 + i * step)
                name = "output-images/%s-%d-%08x.png" % (t.strftime("%Y%m%dT%H%M%SZ"), i, i * 2654435761 % 4294967296)
                backend.put_object(bucket, name, b"x")
            for j in range(reference):
                second = (j * 7919) % 86400
                key = backend.put_object(bucket, "output-images/%02d%02d%02d.png" % (second // 3600, second // 60 % 60, second % 60), b"ref")
                key.last_modified = now - datetime.timedelta(days=1 + (j * 97) % 360)
        print("ready %.1f" % (time.time() - started), flush=True)
        threading.Event().wait()
        """

    static func start(buckets: [(name: String, images: Int, days: Double, reference: Int)]) async throws -> FilledMoto {
        let port = try LoopbackPort.free()
        let process = try BackgroundProcess(
            ["python3", "-c", script, String(port)] + buckets.map { "\($0.name):\($0.images):\($0.days):\($0.reference)" },
            standardOutput: .piped
        )
        let line = await BlockingWork.run { process.standardOutput?.readLine() ?? "" }
        guard line.hasPrefix("ready") else {
            process.stop()
            throw ValidationError("moto_server could not be filled (\(line)); is moto[server] installed?")
        }
        return FilledMoto(process: process, endpoint: "http://127.0.0.1:\(port)", fillSeconds: String(line.dropFirst(6)))
    }

    func stop() {
        // moto's threaded server outlives SIGTERM.
        process.kill()
    }
}
