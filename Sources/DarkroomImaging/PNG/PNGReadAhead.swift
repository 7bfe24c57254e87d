import DarkroomThreads

extension PNG {
    /// Runs a job on another thread. Supplied by the caller: DarkroomImaging starts no threads of its own.
    public typealias BackgroundRunner = @Sendable (@escaping @Sendable () -> Void) -> Void
}

/// Rows of a non-interlaced PNG read one thread ahead: the job given to the runner inflates and unfilters
/// rows into a ring of slots while the calling thread consumes them, so decoding and downscaling overlap.
/// The decoder is used only by the reader until the last row is handed over (the semaphores order every
/// slot's one write before its one read), then by the caller again (`finish`).
final class PNGReadAhead: @unchecked Sendable {
    private static let slots = 16
    private let decoder: PNGDecoder
    private let stride: Int
    private let ring: UnsafeMutablePointer<UInt8>
    private let filled = Semaphore(value: 0)
    private let free = Semaphore(value: UInt32(PNGReadAhead.slots))
    /// Set by the reader before it signals `filled` for the last time.
    private var failure: PNGError?

    init(decoder: PNGDecoder) {
        self.decoder = decoder
        stride = decoder.width * decoder.channels
        ring = .allocate(capacity: stride * Self.slots)
    }

    deinit {
        ring.deallocate()
    }

    /// Hands `consume` every row (`width * channels` bytes, valid during the call) top to bottom.
    func run(on runner: PNG.BackgroundRunner, _ consume: (UnsafePointer<UInt8>, Int) -> Void) throws(PNGError) {
        runner { self.read() }
        for y in 0..<decoder.height {
            filled.wait()
            if let failure { throw failure }
            consume(ring + (y % Self.slots) * stride, y)
            free.signal()
        }
    }

    private func read() {
        for y in 0..<decoder.height {
            free.wait()
            do throws(PNGError) {
                try decoder.readRow(into: ring + (y % Self.slots) * stride)
            } catch {
                failure = error
                filled.signal()
                return
            }
            filled.signal()
        }
    }
}
