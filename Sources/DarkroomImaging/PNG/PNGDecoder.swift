import CPNG

/// The one place where libpng's decoder (through the CPNG shim) meets Swift: status codes become
/// `PNGError`s here.
final class PNGDecoder {
    private let handle: OpaquePointer
    /// Image width in pixels, valid once the header is read.
    let width: Int
    /// Image height in pixels.
    let height: Int
    /// Adam7 images are only read whole; others can be read row by row.
    let isInterlaced: Bool
    /// Bytes per decoded pixel: 4 (RGBA), or 3 (RGB) for opaque non-interlaced images when allowed.
    let channels: Int

    /// Reads the header of `bytes` (which must stay alive and unmoved while the decoder is used)
    /// and sets up the RGBA8 transforms (RGB8 for opaque non-interlaced images if `allowRGB`).
    private init(bytes: UnsafeBufferPointer<UInt8>, allowRGB: Bool) throws(PNGError) {
        guard let base = bytes.baseAddress, bytes.count >= 8 else { throw .notPNG }
        guard let handle = cpng_decoder_create(base, bytes.count) else { throw .outOfMemory }
        if let error = Self.error(for: cpng_decoder_read_header(handle, allowRGB ? 1 : 0), handle: handle) {
            cpng_decoder_destroy(handle)
            throw error
        }
        self.handle = handle
        self.width = Int(cpng_decoder_width(handle))
        self.height = Int(cpng_decoder_height(handle))
        self.isInterlaced = cpng_decoder_is_interlaced(handle) != 0
        self.channels = Int(cpng_decoder_channels(handle))
    }

    deinit {
        cpng_decoder_destroy(handle)
    }

    /// Runs `body` with a decoder over `bytes`, after the byte budget and the header checks.
    static func with<Result>(
        _ bytes: [UInt8],
        limits: PNGLimits,
        allowRGB: Bool = false,
        _ body: (PNGDecoder) throws(PNGError) -> Result
    ) throws(PNGError) -> Result {
        guard bytes.count <= limits.maxBytes else { throw .tooManyBytes(size: bytes.count, limit: limits.maxBytes) }
        // The pixel budget is checked from IHDR before libpng runs or any pixel memory exists. Two 32-bit
        // sides can multiply past Int.max, which would trap: an overflow is over any budget.
        if let (width, height) = try? PNG.dimensions(of: bytes) {
            let (pixels, overflowed) = width.multipliedReportingOverflow(by: height)
            if overflowed || pixels > limits.maxPixels {
                throw .tooManyPixels(width: width, height: height, limit: limits.maxPixels)
            }
        }
        let outcome: Swift.Result<Result, PNGError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(PNGError) {
                let decoder = try PNGDecoder(bytes: buffer, allowRGB: allowRGB)
                return .success(try body(decoder))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Decodes every pixel (any interlacing) and checks the file through IEND.
    func readImage() throws(PNGError) -> RGBAImage {
        precondition(channels == 4, "readImage needs a decoder opened without allowRGB, or an interlaced image")
        let count = width * height * 4
        var failure: PNGError?
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                failure = Self.error(for: cpng_decoder_read_image(handle, base), handle: handle)
            }
            initialized = count
        }
        if let failure { throw failure }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// Decodes the next row of a non-interlaced image into `row` (at least `width * channels` bytes).
    func readRow(into row: UnsafeMutablePointer<UInt8>) throws(PNGError) {
        if let error = Self.error(for: cpng_decoder_read_row(handle, row), handle: handle) { throw error }
    }

    /// Streams every row into `accumulator` (interlaced images are decoded whole first) and checks the
    /// file through IEND.
    /// `completed` hears, after each source row, which target rows that row finished. With `readAhead`, rows
    /// are inflated and unfiltered on the thread it supplies while this one averages them; when it cannot supply
    /// one, this thread reads them too, as without it.
    func read(into accumulator: inout BoxAccumulator, readAhead: PNG.BackgroundRunner? = nil,
              completed: (_ accumulator: BoxAccumulator, _ rows: Range<Int>) -> Void = { _, _ in }) throws(PNGError) {
        if isInterlaced {
            accumulator.add(image: try readImage())
            completed(accumulator, 0..<accumulator.height)
            return
        }
        func take(_ row: UnsafePointer<UInt8>, _ y: Int) {
            accumulator.add(row: row, y: y)
            let rows = accumulator.rowsCompleted(bySourceRow: y)
            if !rows.isEmpty { completed(accumulator, rows) }
        }
        if let readAhead, try PNGReadAhead(decoder: self).run(on: readAhead, take) {
            try finish()
            return
        }
        var row = [UInt8](repeating: 0, count: width * channels)
        for y in 0..<height {
            try row.withUnsafeMutableBufferPointer { buffer throws(PNGError) in
                guard let base = buffer.baseAddress else { return }
                try readRow(into: base)
                take(base, y)
            }
        }
        try finish()
    }

    /// After the last row: checks the rest of the file through IEND.
    func finish() throws(PNGError) {
        if let error = Self.error(for: cpng_decoder_finish(handle), handle: handle) { throw error }
    }

    private static func error(for status: cpng_status, handle: OpaquePointer) -> PNGError? {
        switch status {
        case CPNG_OK: nil
        case CPNG_NOT_PNG: .notPNG
        case CPNG_TRUNCATED: .truncated
        case CPNG_NO_MEMORY: .outOfMemory
        default: .corrupt(String(cString: cpng_decoder_message(handle)))
        }
    }
}
