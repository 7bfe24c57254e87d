import DarkroomImaging

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
        case .sixel: SixelEncoder(reducer: ColorReducer(dither: dither))
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
        var size = fitted.pixels
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
