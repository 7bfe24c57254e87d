import DarkroomBackend
import DarkroomCore
import DarkroomImaging
import DarkroomTUI
import DarkroomTestSupport
import Foundation

/// The app in kitty mode on a pseudo-terminal (10x20-pixel cells reported by the kernel, `--graphics kitty`):
/// from an arrow key to the new image's kitty upload fully written (its synchronized frame closed), per
/// selection change, spaced wider than the 120 ms coalescing so each draws at once. Going back, the preview is placed
/// by id (kitty still holds it) instead of uploaded: that figure ends at the placement.
struct TUIPixelFigures {
    let images: Int
    /// How far the transcript has been searched for uploads and for the end of the frame carrying the last one.
    private var scanned = 0
    private var endScanned = 0
    private var uploadsSeen = 0
    private var lastUpload = -1

    init(images: Int) {
        self.images = images
    }

    /// The bytes that start drawing a preview: its upload, or its placement by id; per image, set by `seed`.
    private var previewDraws: [[UInt8]] = []
    static let frameEnd = Array("\u{1B}[?2026l".utf8)

    mutating func run() throws {
        let home = try TemporaryDirectory("darkroom-bench-pixels")
        defer { home.remove() }
        try seed(home: home.url)
        // First run: every image read from the store once (the disk cache by ETag fills up), then quit. Encoding
        // ahead is off in the first two runs, so each change waits for its own read and encoding.
        let fromStore = try session(home: home.url, direction: "\u{1B}OC", ahead: false)
        // Second run, a new process: images come from the ETag disk cache, encodings are made afresh;
        // going back over them, kitty still holds each preview and it is placed by id.
        let (fromDisk, fromMemory) = try session(home: home.url, direction: "\u{1B}OC", andBack: true, ahead: false)
        // Third run, as the app runs by default: the next image's preview is encoded while the current one is looked at.
        let (encodedAhead, _) = try session(home: home.url, direction: "\u{1B}OC", ahead: true)
        print("selection change to the new image on screen (kitty, 1024x1024 PNGs, preview 10x20-pixel cells), load \(LoadAverage.oneMinute):")
        print("  first visit, read from the store:       \(Self.summary(fromStore.0))")
        print("  from the ETag disk cache, new encoding:  \(Self.summary(fromDisk))")
        print("  from the ETag disk cache, encoded ahead: \(Self.summary(encodedAhead)) (the default; goal: <= 50 ms)")
        print("  revisit, placed by id (kitty holds it):  \(Self.summary(fromMemory ?? []))")
    }

    /// One selection change: from the key to the frame that draws the new preview, and the bytes written meanwhile.
    struct Change {
        let milliseconds: Double
        let bytes: Int
    }

    static func summary(_ changes: [Change]) -> String {
        let bytes = changes.map(\.bytes).sorted()
        return Samples(changes.map(\.milliseconds)).summary(digits: 1) + ", median \(bytes.isEmpty ? 0 : bytes[bytes.count / 2]) bytes written"
    }

    private mutating func seed(home: URL) throws {
        let store = try DirectoryStorage(root: home.appendingPathComponent("data/darkroom/bucket"))
        let source = [UInt8](try Data(contentsOf: TestData.url("images/astronaut_1024_rgb.png")))
        let base = Date().addingTimeInterval(-3600)
        for index in 0..<images {
            // A text chunk each: distinct bytes, so distinct ETags and disk-cache entries.
            let bytes = try PNG.inserting(PNGTextChunk(keyword: "Comment", text: "bench image \(index)", kind: .tEXt), into: source)
            let key = ObjectNaming.imageKey(date: base.addingTimeInterval(Double(index)), seed: UInt32(index + 1))
            let id = WantedImage.previewImageID(for: key)
            previewDraws += [Array("\u{1B}_Ga=T,f=100,i=\(id),".utf8), Array("\u{1B}_Ga=p,i=\(id),".utf8)]
            let done = DispatchSemaphore(value: 0)
            let failure = FailureBox()
            Task {
                do { try await store.put(key: key, bytes: bytes, contentType: "image/png", metadata: [:]) } catch { failure.record("\(error)") }
                done.signal()
            }
            done.wait()
            if let message = failure.message { throw BenchFailure("Seeding the gallery failed: \(message)") }
        }
    }

    /// One app run: the gallery focused, the first preview waited for, then one arrow per image timed.
    private mutating func session(home: URL, direction: String, andBack: Bool = false, ahead: Bool) throws -> ([Change], [Change]?) {
        let app = try PseudoTerminal.darkroomApp(home: home, arguments: ["--graphics", "kitty"],
                                                 environment: ["TERM": "xterm-256color", "DARKROOM_PIXELS_AHEAD": ahead ? "1" : "0"],
                                                 width: 160, height: 50, cellPixels: (10, 20))
        defer {
            app.send("\u{03}")
            _ = try? app.waitForExit(timeout: .seconds(10))
        }
        (scanned, endScanned, uploadsSeen, lastUpload) = (0, 0, 0, -1)
        try app.waitFor(text: "Gallery · \(images) images")
        app.send("\t\t\t")
        try waitForUploads(app, count: 1)
        // The tiles encode one at a time after the preview: let them finish, so each figure is one preview's own.
        var quietSince = ContinuousClock.now
        while ContinuousClock.now - quietSince < .seconds(1.5) {
            if app.pump(timeout: .milliseconds(100)) { quietSince = .now }
        }
        var uploads = 1
        func step(_ key: String, _ figures: inout TUIPixelFigures) throws -> Change {
            let pause = ContinuousClock.now + .milliseconds(300)
            while ContinuousClock.now < pause { app.pump(timeout: pause - .now) }
            let sent = ContinuousClock.now
            let written = app.transcript.count
            app.send(key)
            uploads += 1
            let drawn = try figures.waitForUploads(app, count: uploads)
            return Change(milliseconds: (drawn - sent).milliseconds, bytes: figures.endScanned + Self.frameEnd.count - written)
        }
        var forward: [Change] = [], back: [Change] = []
        for _ in 1..<images { forward.append(try step(direction, &self)) }
        guard andBack else { return (forward, nil) }
        for _ in 1..<images { back.append(try step("\u{1B}OD", &self)) }
        return (forward, back)
    }

    /// Waits until the transcript holds `count` preview uploads and the frame carrying the last one has ended.
    @discardableResult
    private mutating func waitForUploads(_ app: PseudoTerminal, count: Int) throws -> ContinuousClock.Instant {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            // Scanned in a scope of its own: holding the transcript while pumping would copy it on every append.
            let done: Bool = {
                let transcript = app.transcript
                while let (index, length) = previewDraws.compactMap({ marker in Self.find(marker, in: transcript, from: scanned).map { ($0, marker.count) } })
                        .min(by: { $0.0 < $1.0 }) {
                    uploadsSeen += 1
                    lastUpload = index
                    scanned = index + length
                    endScanned = scanned
                }
                guard uploadsSeen >= count else { return false }
                if let end = Self.find(Self.frameEnd, in: transcript, from: endScanned) { endScanned = end; return true }
                endScanned = max(endScanned, transcript.count - Self.frameEnd.count)
                return false
            }()
            if done { return .now }
            app.pump(timeout: .milliseconds(5))
        }
        throw BenchFailure("Preview upload \(count) did not arrive within 60 s; the screen was:\n\(app.screen.text)")
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
