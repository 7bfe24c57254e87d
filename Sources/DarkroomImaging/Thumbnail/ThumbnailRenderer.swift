/// Turns an image into a grid of block-character cells for a terminal.
public struct ThumbnailRenderer: Sendable {
    public var symbols: SymbolSet
    public var colors: ColorMode
    /// A terminal cell's height divided by its width (about 2 in most fonts).
    public var cellAspect: Double
    /// The terminal's background: what transparent pixels are composited over and, without colour, which samples
    /// are drawn in the foreground (the bright ones on a dark background, the dark ones on a light one).
    public var background: RGB

    public init(symbols: SymbolSet, colors: ColorMode, cellAspect: Double = 2.0, background: RGB = .black) {
        self.symbols = symbols
        self.colors = colors
        self.cellAspect = cellAspect > 0 ? cellAspect : 2.0
        self.background = background
    }

    /// The largest cell size that shows an `imageWidth`×`imageHeight` image in `columns`×`rows`
    /// cells with its aspect ratio kept.
    public func fittedSize(imageWidth: Int, imageHeight: Int, columns: Int, rows: Int) -> (columns: Int, rows: Int) {
        guard imageWidth > 0, imageHeight > 0, columns > 0, rows > 0 else { return (0, 0) }
        let columnsPerRow = Double(imageWidth) / Double(imageHeight) * cellAspect
        if Double(columns) / Double(rows) > columnsPerRow {
            return (min(columns, max(1, Int((Double(rows) * columnsPerRow).rounded()))), rows)
        }
        return (columns, min(rows, max(1, Int((Double(columns) / columnsPerRow).rounded()))))
    }

    /// The image fitted into `columns`×`rows` cells (aspect kept; the grid may be smaller).
    public func render(_ image: RGBAImage, columns: Int, rows: Int) -> CellGrid {
        let fit = fittedSize(imageWidth: image.width, imageHeight: image.height, columns: columns, rows: rows)
        guard fit.columns > 0 else { return CellGrid(columns: 0, rows: 0, cells: []) }
        var accumulator = makeAccumulator(imageWidth: image.width, imageHeight: image.height, fit: fit)
        accumulator.add(image: image)
        return cells(from: accumulator.composited(over: background), columns: fit.columns, rows: fit.rows)
    }

    /// Decodes PNG bytes straight into the downscaler, row by row, without holding the full image
    /// (interlaced files are decoded whole first) and without adding an alpha channel to opaque
    /// images; the result equals decoding then `render`.
    public func render(png bytes: [UInt8], columns: Int, rows: Int, limits: PNGLimits = .standard) throws(PNGError) -> CellGrid {
        let (fit, samples) = try PNGDecoder.with(bytes, limits: limits, allowRGB: true) { decoder throws(PNGError) in
            let fit = fittedSize(imageWidth: decoder.width, imageHeight: decoder.height, columns: columns, rows: rows)
            guard fit.columns > 0 else { return (fit, [RGB]()) }
            var accumulator = makeAccumulator(imageWidth: decoder.width, imageHeight: decoder.height, fit: fit, bytesPerPixel: decoder.channels)
            try decoder.read(into: &accumulator)
            return (fit, accumulator.composited(over: background))
        }
        guard fit.columns > 0 else { return CellGrid(columns: 0, rows: 0, cells: []) }
        return cells(from: samples, columns: fit.columns, rows: fit.rows)
    }

    /// Reads the PNG file at `path` (within the byte budget) and renders it as `render(png:)` does.
    public func render(contentsOf path: String, columns: Int, rows: Int, limits: PNGLimits = .standard) throws(PNGError) -> CellGrid {
        try render(png: FileBytes.load(path, maxBytes: limits.maxBytes), columns: columns, rows: rows, limits: limits)
    }

    /// Pixels sampled per cell, across and down.
    private var samplesPerCell: (across: Int, down: Int) {
        switch symbols {
        case .half: (1, 2)
        case .quad: (2, 2)
        case .ascii: (1, 1)
        }
    }

    private func makeAccumulator(imageWidth: Int, imageHeight: Int, fit: (columns: Int, rows: Int), bytesPerPixel: Int = 4) -> BoxAccumulator {
        BoxAccumulator(
            sourceWidth: imageWidth, sourceHeight: imageHeight,
            width: fit.columns * samplesPerCell.across, height: fit.rows * samplesPerCell.down, bytesPerPixel: bytesPerPixel
        )
    }

    private func cells(from samples: [RGB], columns: Int, rows: Int) -> CellGrid {
        var quantizer = ColorQuantizer(mode: colors)
        var cells: [Cell] = []
        cells.reserveCapacity(columns * rows)
        let (across, down) = samplesPerCell
        let stride = columns * across
        let lit = colors == .none && symbols != .ascii ? Self.litSamples(samples, onLightBackground: background.isLight) : []
        for row in 0..<rows {
            for column in 0..<columns {
                let origin = row * down * stride + column * across
                if !lit.isEmpty {
                    // Quadrant-mask bits: 1 top left, 2 top right, 4 bottom left, 8 bottom right; a half block's
                    // one sample a row fills both of its row's quadrants.
                    func bits(_ sample: Int, _ value: Int) -> Int { lit[sample] ? value : 0 }
                    let mask = symbols == .half ? bits(origin, 3) | bits(origin + stride, 12)
                        : bits(origin, 1) | bits(origin + 1, 2) | bits(origin + stride, 4) | bits(origin + stride + 1, 8)
                    cells.append(Cell(glyph: BlockGlyphs.quadrants[mask], foreground: .terminalDefault, background: .terminalDefault))
                    continue
                }
                switch symbols {
                case .half:
                    cells.append(halfBlock(top: samples[origin], bottom: samples[origin + stride], quantizer: &quantizer))
                case .quad:
                    let topLeft = samples[origin], topRight = samples[origin + 1]
                    let bottomLeft = samples[origin + stride], bottomRight = samples[origin + stride + 1]
                    cells.append(quadrant(
                        red: SIMD4(Int32(topLeft.r), Int32(topRight.r), Int32(bottomLeft.r), Int32(bottomRight.r)),
                        green: SIMD4(Int32(topLeft.g), Int32(topRight.g), Int32(bottomLeft.g), Int32(bottomRight.g)),
                        blue: SIMD4(Int32(topLeft.b), Int32(topRight.b), Int32(bottomLeft.b), Int32(bottomRight.b)),
                        quantizer: &quantizer
                    ))
                case .ascii:
                    cells.append(density(samples[origin], quantizer: &quantizer))
                }
            }
        }
        return CellGrid(columns: columns, rows: rows, cells: cells)
    }

    /// Without colour, which samples are drawn in the terminal's foreground: on a dark background those brighter
    /// than the cut that best splits this picture's brightness into two groups (Otsu's method), so its shapes show
    /// whatever its exposure; on a light background, where the foreground is dark, those darker than it (else the
    /// picture is a negative). A fixed cut at mid grey drew a dark picture as nearly nothing and a bright one as nearly
    /// solid. A picture of one brightness keeps the mid-grey cut.
    static func litSamples(_ samples: [RGB], onLightBackground: Bool = false) -> [Bool] {
        var histogram = [Int](repeating: 0, count: 256)
        for sample in samples { histogram[sample.luma] += 1 }
        let total = Double(samples.count)
        let weightedTotal = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset * $1.element) }
        var (below, weightedBelow) = (0.0, 0.0)
        var (cut, best) = (127, 0.0)
        for level in 0..<255 {
            below += Double(histogram[level])
            weightedBelow += Double(level * histogram[level])
            let above = total - below
            guard below > 0, above > 0 else { continue }
            let spread = weightedBelow / below - (weightedTotal - weightedBelow) / above
            let separation = below * above * spread * spread
            if separation > best { (cut, best) = (level, separation) }
        }
        return samples.map { ($0.luma > cut) != onLightBackground }
    }

    private static func uniform(_ color: TerminalColor) -> Cell {
        Cell(glyph: " ", foreground: color, background: color)
    }

    private func halfBlock(top: RGB, bottom: RGB, quantizer: inout ColorQuantizer) -> Cell {
        let upper = quantizer.color(for: top), lower = quantizer.color(for: bottom)
        return upper == lower ? Self.uniform(upper) : Cell(glyph: BlockGlyphs.upperHalf, foreground: upper, background: lower)
    }

    /// Chooses the split of the four pixels into two groups with the least squared error around the
    /// groups' means, then draws the first group in the foreground.
    /// The four pixels come as one vector per channel, lanes in quadrant-mask bit order.
    private func quadrant(red: SIMD4<Int32>, green: SIMD4<Int32>, blue: SIMD4<Int32>, quantizer: inout ColorQuantizer) -> Cell {
        let totals = SIMD3(red.wrappedSum(), green.wrappedSum(), blue.wrappedSum())
        // Minimising the within-group error is maximising Σ S²/n over the groups' channel sums S;
        // scaled by 12 (the lcm of the group sizes) it stays in integers.
        var bestMask = 0
        var bestScore = Int32.min
        for mask in 0..<8 {
            let selector = Self.selectors[mask]
            let sums = SIMD3((red &* selector).wrappedSum(), (green &* selector).wrappedSum(), (blue &* selector).wrappedSum())
            let rest = totals &- sums
            let count = Int32(mask.nonzeroBitCount)
            var score = (rest &* rest).wrappedSum() &* (12 / (4 - count))
            if count > 0 { score &+= (sums &* sums).wrappedSum() &* (12 / count) }
            if score > bestScore {
                bestScore = score
                bestMask = mask
            }
        }
        func mean(of mask: Int) -> RGB {
            let selector = Self.selectors[mask]
            let count = Int32(mask.nonzeroBitCount)
            func average(_ channel: SIMD4<Int32>) -> UInt8 { UInt8(((channel &* selector).wrappedSum() + count / 2) / count) }
            return RGB(r: average(red), g: average(green), b: average(blue))
        }
        guard bestMask != 0 else { return Self.uniform(quantizer.color(for: mean(of: 15))) }
        let foreground = quantizer.color(for: mean(of: bestMask)), background = quantizer.color(for: mean(of: 15 - bestMask))
        if foreground == background { return Self.uniform(foreground) }
        return Cell(glyph: BlockGlyphs.quadrants[bestMask], foreground: foreground, background: background)
    }

    /// For each quadrant mask, 1 in the lanes of the quadrants it covers.
    private static let selectors: [SIMD4<Int32>] = (0..<16).map { mask in
        SIMD4((0..<4).map { Int32(mask >> $0 & 1) })
    }

    /// A denser glyph the more the colour stands out from the terminal's background: brighter on a dark one,
    /// darker on a light one.
    private func density(_ color: RGB, quantizer: inout ColorQuantizer) -> Cell {
        let ramp = BlockGlyphs.densityRamp
        let contrast = abs(color.luma - background.luma), widest = max(background.luma, 255 - background.luma)
        let glyph = ramp[min(ramp.count - 1, contrast * ramp.count / (widest + 1))]
        return Cell(glyph: glyph, foreground: quantizer.color(for: color), background: .terminalDefault)
    }
}
