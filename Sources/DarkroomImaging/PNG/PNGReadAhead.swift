import DarkroomThreads
import Synchronization

extension PNG {
    /// Starts a job on another thread and says whether it did; false means the job was not started and never will
    /// be (the system refused a thread), and the caller does the work itself. Supplied by the caller: DarkroomImaging
    /// starts no threads of its own.
    public typealias BackgroundRunner = @Sendable (@escaping @Sendable () -> Void) -> Bool
}

/// Rows of a non-interlaced PNG read one thread ahead: the job given to the runner inflates and unfilters
/// rows into a ring of slots while the calling thread consumes them, so decoding and downscaling overlap.
/// The decoder is used only by the reader until the last row is handed over (the semaphores order every
/// slot's one write before its one read), then by the caller again (`finish`).
final class PNGReadAhead: @unchecked Sendable {
    /// Rows go over in batches: waking the other thread once per row cost the reader about a fifth of its time
    /// (perf, a 1024x1024 photo), once per eight rows costs next to nothing.
    private static let batch = 8
    private static let batches = 4
    private static let slots = batch * batches
    private let decoder: PNGDecoder
    private let stride: Int
    private let ring: UnsafeMutablePointer<UInt8>
    private let filled = Semaphore(value: 0)
    private let free = Semaphore(value: UInt32(PNGReadAhead.batches))
    /// Set by the reader before it signals `filled` for the last time. Behind a lock: the caller checks it after each
    /// batch, and may do so while the reader, a batch further on, sets it.
    private let failure = Mutex<PNGError?>(nil)

    init(decoder: PNGDecoder) {
        self.decoder = decoder
        stride = decoder.width * decoder.channels
        ring = .allocate(capacity: stride * Self.slots)
    }

    deinit {
        ring.deallocate()
    }

    /// Hands `consume` every row (`width * channels` bytes, valid during the call) top to bottom; false, with no row
    /// read, when the runner could not start the reader (waiting for it then would wait for ever).
    func run(on runner: PNG.BackgroundRunner, _ consume: (UnsafePointer<UInt8>, Int) -> Void) throws(PNGError) -> Bool {
        guard runner({ self.read() }) else { return false }
        var y = 0
        while y < decoder.height {
            filled.wait()
            if let failure = failure.withLock({ $0 }) { throw failure }
            let end = min(decoder.height, y + Self.batch)
            for row in y..<end { consume(ring + (row % Self.slots) * stride, row) }
            y = end
            free.signal()
        }
        return true
    }

    private func read() {
        var y = 0
        while y < decoder.height {
            free.wait()
            let end = min(decoder.height, y + Self.batch)
            for row in y..<end {
                do throws(PNGError) {
                    try decoder.readRow(into: ring + (row % Self.slots) * stride)
                } catch {
                    failure.withLock { $0 = error }
                    filled.signal()
                    return
                }
            }
            filled.signal()
            y = end
        }
    }
}
