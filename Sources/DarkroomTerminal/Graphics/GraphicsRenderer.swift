import DarkroomImaging
import DarkroomThreads

/// An image encoded for one protocol, with the cells it covers.
public struct EncodedImage: Sendable, Equatable {
    public var bytes: [UInt8]
    /// The cells the picture covers (the box, shrunk to the image's aspect).
    public var columns: Int
    public var rows: Int
    /// The picture's size in pixels, as sent.
    public var pixels: PixelSize
}

/// Fits an image into a box of cells for a protocol: scaled to the box's pixels with the aspect kept,
/// encoded, and scaled down again while the bytes exceed the budget.
public struct GraphicsRenderer: Sendable {
    /// At most this many bytes per image on the wire.
    public static let imageBudget = 512 << 10
    public let encoder: any GraphicsEncoder
    public let cellPixels: PixelSize
    public var budget: Int

    public init(encoder: any GraphicsEncoder, cellPixels: PixelSize, budget: Int = GraphicsRenderer.imageBudget) {
        self.encoder = encoder
        self.cellPixels = cellPixels
        self.budget = budget
    }

    /// The encoder for `capabilities` (nil for blocks).
    public static func encoder(for capabilities: TerminalCapabilities, dither: Bool = false) -> (any GraphicsEncoder)? {
        switch capabilities.graphics {
        case .kitty: KittyEncoder(placeholders: capabilities.kittyPlaceholders, tmux: capabilities.tmux)
        case .sixel: SixelEncoder(reducer: ColorReducer(dither: dither, background: capabilities.background ?? .black))
        case .iterm2: ITerm2Encoder(tmux: capabilities.tmux)
        case .blocks: nil
        }
    }

    /// The largest size with the image's aspect inside `columns` x `rows` cells, in pixels and in cells covered.
    public func fit(imageWidth: Int, imageHeight: Int, columns: Int, rows: Int) -> (pixels: PixelSize, columns: Int, rows: Int) {
        let boxWidth = max(1, columns * cellPixels.width), boxHeight = max(1, rows * cellPixels.height)
        guard imageWidth > 0, imageHeight > 0 else { return (PixelSize(width: 1, height: 1), 1, 1) }
        let scale = min(Double(boxWidth) / Double(imageWidth), Double(boxHeight) / Double(imageHeight))
        let width = max(1, min(boxWidth, Int((Double(imageWidth) * scale).rounded())))
        let height = max(1, min(boxHeight, Int((Double(imageHeight) * scale).rounded())))
        let coveredColumns = max(1, min(columns, (width + cellPixels.width - 1) / cellPixels.width))
        let coveredRows = max(1, min(rows, (height + cellPixels.height - 1) / cellPixels.height))
        return (PixelSize(width: width, height: height), coveredColumns, coveredRows)
    }

    /// The picture in the top-left corner of a transparent canvas (no smaller than the picture).
    static func padded(_ image: RGBAImage, width: Int, height: Int) -> RGBAImage {
        let width = max(width, image.width), height = max(height, image.height)
        guard width != image.width || height != image.height else { return image }
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for row in 0..<image.height {
            let source = row * image.width * 4, target = row * width * 4
            pixels.replaceSubrange(target..<(target + image.width * 4), with: image.pixels[source..<(source + image.width * 4)])
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// `image` in `columns` x `rows` cells at the placement's id and origin, within the byte budget.
    public func render(_ image: RGBAImage, columns: Int, rows: Int, imageID: UInt32 = 1,
                       origin: (column: Int, row: Int)? = nil) throws(GraphicsError) -> EncodedImage {
        let fitted = fit(imageWidth: image.width, imageHeight: image.height, columns: columns, rows: rows)
        return try render(image, fitted: fitted, startingAt: fitted.pixels, imageID: imageID, origin: origin)
    }

    /// A PNG file's bytes in `columns` x `rows` cells, like `render(_:columns:rows:imageID:origin:)`, faster:
    /// the rows stream from the decoder straight into the downscaler at the size that is sent, and that size
    /// is predicted from the file's own bytes per pixel, so a photo that overshoots the budget at the full
    /// box (an 800x800 photo is about 1 MB as PNG) is encoded once at a size that fits, not twice.
    public func render(png: [UInt8], columns: Int, rows: Int, imageID: UInt32 = 1,
                       origin: (column: Int, row: Int)? = nil) throws(GraphicsError) -> EncodedImage {
        let source: (width: Int, height: Int)
        do { source = try PNG.dimensions(of: png) } catch { throw .decode(error) }
        let fitted = fit(imageWidth: source.width, imageHeight: source.height, columns: columns, rows: rows)
        let size = predictedSize(fitted.pixels, fileBytes: png.count, sourcePixels: source.width * source.height)
        if let fast = try pipelined(png, size: size, fitted: fitted, imageID: imageID, origin: origin) { return fast }
        let image: RGBAImage
        do { image = try PNG.decode(png, width: size.width, height: size.height, readAhead: Self.background) } catch { throw .decode(error) }
        return try render(image, fitted: fitted, startingAt: size, imageID: imageID, origin: origin)
    }

    /// A second thread for decoding ahead (`PNG.decode(…readAhead:)`) and compressing (`PipelinedTranscode`), so
    /// inflating, averaging and compressing rows overlap. A thread of its own, not the compute pool's: the job waits
    /// on the thread that started it, and queued behind a busy pool it would hold that thread up. When the system
    /// refuses a thread the runner says so and the caller does the job in line (slower, same pixels).
    static let background: PNG.BackgroundRunner = { job in DetachedThread.start(job) }

    /// The fast paths, decoding on two threads: the PNG-payload protocols' (`PipelinedTranscode`) and sixel's
    /// (`PipelinedSixel`, Wu's palette without dithering). nil when none applies (a picture that needs padding
    /// to whole cells, a dithered or median-cut sixel) or the result is over the budget (the caller's loop then shrinks).
    private func pipelined(_ png: [UInt8], size: PixelSize, fitted: (pixels: PixelSize, columns: Int, rows: Int), imageID: UInt32,
                           origin: (column: Int, row: Int)?) throws(GraphicsError) -> EncodedImage? {
        let placement = ImagePlacement(columns: fitted.columns, rows: fitted.rows, imageID: imageID, origin: origin)
        if let sixel = encoder as? SixelEncoder {
            guard !sixel.reducer.dither, sixel.reducer.method == .wu else { return nil }
            let bytes: [UInt8]
            do { bytes = try PipelinedSixel.encode(png, width: size.width, height: size.height, reducer: sixel.reducer, readAhead: Self.background) } catch {
                throw .decode(error)
            }
            return bytes.count <= budget ? EncodedImage(bytes: bytes, columns: fitted.columns, rows: fitted.rows, pixels: size) : nil
        }
        guard let payloadEncoder = encoder as? any PNGPayloadEncoder else { return nil }
        if encoder.fillsCells {
            // The terminal stretches the picture over whole cells (kitty): only a picture that fills them needs no padding.
            guard fitted.columns * cellPixels.width * size.width / fitted.pixels.width == size.width,
                  fitted.rows * cellPixels.height * size.height / fitted.pixels.height == size.height else { return nil }
        }
        let transcoded: [UInt8]
        do { transcoded = try PipelinedTranscode.transcode(png, width: size.width, height: size.height, background: Self.background) } catch { throw .decode(error) }
        let bytes = payloadEncoder.encode(png: transcoded, placement: placement)
        guard bytes.count <= budget else { return nil }
        return EncodedImage(bytes: bytes, columns: fitted.columns, rows: fitted.rows, pixels: size)
    }

    /// Wire bytes per pixel over the source file's bytes per pixel, per protocol, measured on the test photos
    /// at about 450x450 (astronaut 1.69, coffee 1.80 for PNG payloads: base64 adds a third, the level-1 PNG
    /// is larger than the file's, and a downscaled picture holds more detail per pixel; sixel 1.05 and 0.69).
    /// The largest is used, so a photo's first size fits; a miss costs one more encode.
    private var bytesPerFileByte: Double {
        switch encoder.graphicsProtocol {
        case .kitty, .iterm2: 1.8
        case .sixel: 1.05
        case .blocks: 1
        }
    }

    /// `fitted`, shrunk with its aspect kept when the prediction says it would overshoot the budget.
    func predictedSize(_ fitted: PixelSize, fileBytes: Int, sourcePixels: Int) -> PixelSize {
        guard sourcePixels > 0 else { return fitted }
        let predicted = Double(fileBytes) / Double(sourcePixels) * Double(fitted.width * fitted.height) * bytesPerFileByte
        guard predicted > Double(budget) else { return fitted }
        let factor = (Double(budget) * 0.95 / predicted).squareRoot()
        return PixelSize(width: max(8, Int(Double(fitted.width) * factor)), height: max(8, Int(Double(fitted.height) * factor)))
    }

    /// The encoding loop: `image` scaled to `size` (no scaling when it already has that size), encoded, and
    /// scaled down again while the bytes exceed the budget.
    private func render(_ image: RGBAImage, fitted: (pixels: PixelSize, columns: Int, rows: Int), startingAt start: PixelSize,
                        imageID: UInt32, origin: (column: Int, row: Int)?) throws(GraphicsError) -> EncodedImage {
        var size = start
        var attempts = 0
        while true {
            var scaled = size == PixelSize(width: image.width, height: image.height) ? image : image.resized(width: size.width, height: size.height)
            if encoder.fillsCells {
                scaled = Self.padded(scaled, width: fitted.columns * cellPixels.width * size.width / fitted.pixels.width,
                                     height: fitted.rows * cellPixels.height * size.height / fitted.pixels.height)
            }
            let placement = ImagePlacement(columns: fitted.columns, rows: fitted.rows, imageID: imageID, origin: origin)
            let bytes = try encoder.encode(scaled, placement: placement)
            if bytes.count <= budget {
                return EncodedImage(bytes: bytes, columns: fitted.columns, rows: fitted.rows, pixels: size)
            }
            attempts += 1
            guard attempts < 6, size.width > 8, size.height > 8 else { throw .overBudget(bytes: bytes.count, budget: budget) }
            // Bytes grow with the area: shrink both sides by the square root of the overshoot, with a margin.
            let factor = (Double(budget) / Double(bytes.count)).squareRoot() * 0.92
            size = PixelSize(width: max(8, Int(Double(size.width) * factor)), height: max(8, Int(Double(size.height) * factor)))
        }
    }
}
