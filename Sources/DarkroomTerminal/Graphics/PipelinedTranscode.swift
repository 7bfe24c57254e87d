import DarkroomImaging
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// A PNG file rescaled and re-encoded as PNG on two threads: this one decodes and averages rows
/// (`PNG.decodeRows`) while a second compresses each finished row (`PNGRowEncoder`), so the new PNG is
/// ready soon after the last source row is read. For the PNG-payload protocols (kitty, iTerm2), where
/// decoding and compressing are most of `darkroom show`'s time.
final class PipelinedTranscode: @unchecked Sendable {
    // Shared between the two threads: the producer writes row y, then signals `ready`; the consumer
    // reads row y only after its wait for it returns, so each row has one writer before its one reader.
    private let width: Int
    private let height: Int
    private let rows: UnsafeMutablePointer<UInt8>
    private var channels = 4
    private let ready = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let abandoned = Atomic(false)
    private var result: Result<[UInt8], PNGError> = .failure(.truncated)

    private init(width: Int, height: Int) {
        self.width = width
        self.height = height
        rows = .allocate(capacity: width * height * 4)
    }

    deinit {
        rows.deallocate()
    }

    /// `png` at `width` x `height` (area-averaged), as a PNG: RGB for an opaque file without alpha, else RGBA.
    /// `background` runs the compressor and the decoder's read-ahead; a job it cannot start is done in line on this
    /// thread (the rows are compressed after the decode: every row is then ready, so nothing waits).
    static func transcode(_ png: [UInt8], width: Int, height: Int, background: @escaping PNG.BackgroundRunner) throws(PNGError) -> [UInt8] {
        let pipeline = PipelinedTranscode(width: width, height: height)
        let compressing = background { pipeline.compress() }
        do {
            try PNG.decodeRows(png, width: width, height: height, readAhead: background) { y, pixels, channels in
                if y == 0 { pipeline.channels = channels }
                if let source = pixels.baseAddress { (pipeline.rows + y * width * channels).update(from: source, count: width * channels) }
                pipeline.ready.signal()
            }
        } catch {
            if compressing { pipeline.abandon() }
            throw error
        }
        if compressing { pipeline.done.wait() } else { pipeline.compress() }
        return try pipeline.result.get()
    }

    /// Stops the consumer when decoding failed part-way: it is woken for every row it still waits for.
    private func abandon() {
        abandoned.store(true, ordering: .releasing)
        for _ in 0..<height { ready.signal() }
        done.wait()
    }

    private func compress() {
        defer { done.signal() }
        var encoder: PNGRowEncoder?
        do throws(PNGError) {
            for y in 0..<height {
                ready.wait()
                if abandoned.load(ordering: .acquiring) { return }
                if encoder == nil { encoder = try PNGRowEncoder(width: width, height: height, channels: channels) }
                try encoder?.write(row: UnsafeBufferPointer(start: rows + y * width * channels, count: width * channels))
            }
            guard let encoder else { return }
            let png = try encoder.finish()
            result = .success(png)
        } catch {
            result = .failure(error)
        }
    }
}
