import DarkroomBackend
import DarkroomCore
import DarkroomImaging
import DarkroomTUI
import DarkroomTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The built `darkroom` app driven on a pseudo-terminal, timed from outside as a person would see it: how long
/// after a keystroke or a finished job the screen shows it, how often the idle app wakes, how many threads it
/// runs while a large gallery scrolls.
struct TUIAppFigures {
    let runs: Int

    func run() throws {
        print("\nthe app on a pseudo-terminal (\(BuiltProducts.executable("darkroom").path))")
        try idleWakeUps()
        try keyToPaint()
        try resultToPaint()
        try galleryThreads(images: 500)
        try keyToPaintUnderAStall()
        var pixels = TUIPixelFigures(images: 6)
        try pixels.run()
    }

    /// A fresh home folder for one app run.
    private func withApp<Result>(width: Int = 100, height: Int = 30, arguments: [String] = [], environment: [String: String] = [:],
                                 prepare: (URL) throws -> Void = { _ in },
                                 _ body: (PseudoTerminal, URL) throws -> Result) throws -> Result {
        let home = try TemporaryDirectory("darkroom-bench-pty")
        defer { home.remove() }
        try prepare(home.url)
        let app = try PseudoTerminal.darkroomApp(home: home.url, arguments: arguments, environment: environment, width: width, height: height)
        try app.waitFor(text: "Describe the image, then press Enter.")
        defer {
            app.send("\u{03}")
            _ = try? app.waitForExit(timeout: .seconds(10))
        }
        return try body(app, home.url)
    }

    /// Wake-ups per second of the idle app: its threads' voluntary context switches over five quiet seconds.
    private func idleWakeUps() throws {
        try withApp { app, _ in
            let settle = ContinuousClock.now + .seconds(1)
            while ContinuousClock.now < settle { app.pump(timeout: .milliseconds(50)) }
            let first = app.voluntaryContextSwitchesByThread, bytes = app.transcript.count
            var last = first
            let seconds = 5.0
            let end = ContinuousClock.now + .seconds(seconds)
            // Sampled every 100 ms: a thread that ends within the span takes its count with it (a sum of the live
            // threads' counts at both ends read -1 wake-ups a second).
            while ContinuousClock.now < end {
                app.pump(timeout: min(.milliseconds(100), end - .now))
                last.merge(app.voluntaryContextSwitchesByThread) { max($0, $1) }
            }
            let wakeUps = Double(last.reduce(0) { $0 + $1.value - (first[$1.key] ?? 0) }) / seconds
            print(String(format: "idle: %.1f wake-ups/s (voluntary context switches, all threads), %d bytes painted in %.0f s, %d threads",
                         wakeUps, app.transcript.count - bytes, seconds, app.threadCount))
        }
    }

    /// From a key written to the terminal to the screen showing its effect (the prompt's character count).
    private func keyToPaint() throws {
        try withApp { app, _ in
            print("key to paint (a typed character shown): \(try typingLatency(app, alreadyTyped: 0).summary(digits: 2))")
        }
    }

    /// The same while S3 and Bedrock stall (a loopback server that accepts and never answers): the gallery's
    /// listing and a job are waiting on it.
    private func keyToPaintUnderAStall() throws {
        let server = try LoopbackHTTPServer { _, _ in .stall(.seconds(120)) }
        defer { server.stop() }
        try withApp(arguments: ["--backend", "bedrock", "--bucket", "bench"],
                    environment: ["AWS_ACCESS_KEY_ID": "AKIDBENCH", "AWS_SECRET_ACCESS_KEY": "benchsecret", "AWS_REGION": "us-east-1",
                                  "AWS_ENDPOINT_URL": server.url]) { app, _ in
            app.send("x\r")
            try app.waitFor(text: "1 running")
            let samples = try typingLatency(app, alreadyTyped: 1)
            print("key to paint while S3 and Bedrock stall: \(samples.summary(digits: 2)) (goal: p95 <= 50 ms)")
            app.send("\u{03}")
            try app.waitFor(text: "Quit anyway? y/n")
            app.send("y")
        }
    }

    /// Types a character at a time, as a person would, timing each until the prompt's count shows it.
    private func typingLatency(_ app: PseudoTerminal, alreadyTyped: Int) throws -> Samples {
        var samples: [Double] = []
        for index in 1...max(runs, 20) {
            let sent = ContinuousClock.now
            app.send("a")
            let painted = try app.waitFor(text: "\(alreadyTyped + index)/2000 chars", timeout: .seconds(10))
            samples.append((painted - sent).milliseconds)
            // Keys a person types arrive apart; back-to-back keys would be drained and painted together.
            let pause = ContinuousClock.now + .milliseconds(30)
            while ContinuousClock.now < pause { app.pump(timeout: pause - .now) }
        }
        return Samples(samples)
    }

    /// From a job's last stored file (the thumbnail's metadata, renamed into place by the local store) to the
    /// jobs panel showing it saved: the time the finished effect waits for the UI to wake and paint.
    private func resultToPaint() throws {
        try withApp { app, home in
            let watched = home.appendingPathComponent("data/darkroom/bucket/.darkroom/meta/output-thumbnails").path
            try FileManager.default.createDirectory(atPath: watched, withIntermediateDirectories: true)
            let events = inotify_init1(Int32(O_NONBLOCK | O_CLOEXEC))
            guard events >= 0, inotify_add_watch(events, watched, UInt32(IN_MOVED_TO)) >= 0 else {
                throw BenchFailure("inotify could not watch \(watched).")
            }
            defer { close(events) }
            app.send("a lighthouse in fog")
            var samples: [Double] = []
            for index in 1...runs {
                app.send("\r")
                var stored: ContinuousClock.Instant?
                let deadline = ContinuousClock.now + .seconds(60)
                while ContinuousClock.now < deadline {
                    let (_, ready) = app.pump(timeout: .milliseconds(200), alsoWatching: [events])
                    if !ready.isEmpty {
                        stored = stored ?? .now
                        var buffer = [UInt8](repeating: 0, count: 4096)
                        while read(events, &buffer, buffer.count) > 0 {}
                    }
                    if app.screen.text.contains("✓ #\(index) saved") { break }
                }
                let painted = ContinuousClock.now
                guard let stored, app.screen.text.contains("✓ #\(index) saved") else {
                    throw BenchFailure("Job \(index) was not shown saved within 60 s; the screen was:\n\(app.screen.text)")
                }
                samples.append((painted - stored).milliseconds)
            }
            print("result to paint (job stored → shown saved): \(Samples(samples).summary(digits: 2)) over \(runs) jobs")
        }
    }

    /// The most threads the app runs while paging through a gallery of `images` images, thumbnails rendering.
    private func galleryThreads(images: Int) throws {
        try withApp(width: 180, height: 60, prepare: { home in try Self.seedGallery(home: home, images: images) }) { app, _ in
            app.send("\t\t\t")
            try app.waitFor(text: "Gallery · \(images) images")
            var peak = app.threadCount
            let start = ContinuousClock.now
            // Page down past the last image, a page every 50 ms, sampling the thread count all along.
            let layout = Layout(width: 180, height: 60)
            let pages = images / max(1, layout.gridColumns * layout.gridRows) + 2
            for _ in 0..<pages {
                app.send("\u{1B}[6~")
                let pause = ContinuousClock.now + .milliseconds(50)
                while ContinuousClock.now < pause {
                    app.pump(timeout: .milliseconds(2))
                    peak = max(peak, app.threadCount)
                }
            }
            let settle = ContinuousClock.now + .seconds(2)
            while ContinuousClock.now < settle {
                app.pump(timeout: .milliseconds(2))
                peak = max(peak, app.threadCount)
            }
            print(String(format: "gallery of %d images paged through (%d PgDn in %.1f s): peak %d threads, %d after (%d cores)",
                         images, pages, (ContinuousClock.now - start).milliseconds / 1000 - 2, peak, app.threadCount,
                         ProcessInfo.processInfo.activeProcessorCount))
        }
    }

    /// Writes `images` small distinct PNGs and their thumbnails into the local bucket under `home`.
    private static func seedGallery(home: URL, images: Int) throws {
        let store = try DirectoryStorage(root: home.appendingPathComponent("data/darkroom/bucket"))
        let base = Date(timeIntervalSince1970: 1_790_000_000)
        var random = SystemRandomNumberGenerator()
        let group = DispatchGroup()
        let failure = FailureBox()
        for index in 0..<images {
            let key = ObjectNaming.imageKey(date: base.addingTimeInterval(Double(index)), seed: UInt32(index + 1), random: &random)
            let png = try PNG.encode(SyntheticImage.gradient(seed: index, side: 96))
            let thumbnail = try PNG.encode(SyntheticImage.gradient(seed: index, side: 32))
            group.enter()
            Task {
                do {
                    try await store.put(key: key, bytes: png, contentType: "image/png", metadata: [:])
                    if let thumbnailKey = ObjectNaming.thumbnailKey(forImageKey: key) {
                        try await store.put(key: thumbnailKey, bytes: thumbnail, contentType: "image/png", metadata: ["source-key": key])
                    }
                } catch {
                    failure.record("\(error)")
                }
                group.leave()
            }
        }
        group.wait()
        if let message = failure.message { throw BenchFailure("Seeding the gallery failed: \(message)") }
    }

}

/// The first failure of concurrent seeding work.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var first: String?

    func record(_ message: String) {
        lock.withLock { first = first ?? message }
    }

    var message: String? { lock.withLock { first } }
}

/// A bench that cannot produce its figure, with the reason.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
