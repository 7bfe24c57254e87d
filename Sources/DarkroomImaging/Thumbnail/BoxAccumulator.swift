/// Area-average (box) downscaling fed one source row at a time, so a decoder can stream rows into
/// it without holding the whole image. Colours are summed premultiplied by alpha, so transparent
/// pixels do not darken their neighbours.
struct BoxAccumulator {
    let sourceWidth: Int
    let sourceHeight: Int
    let width: Int
    let height: Int
    /// 4 for RGBA rows, 3 for RGB rows (read as opaque).
    let bytesPerPixel: Int
    /// Source columns `columnStart[x]..<columnEnd[x]` make target column `x` (likewise rows).
    private let columnStart: [Int]
    private let columnEnd: [Int]
    private let rowStart: [Int]
    private let rowEnd: [Int]
    /// Per target pixel: Σ r·a, Σ g·a, Σ b·a, Σ a. Streaming, only a ring of `slots` target rows (row y in
    /// slot y % slots), each cleared when its first source row arrives; else every row.
    private var sums: [UInt64]
    private let slots: Int
    /// One row's column sums, reused for every row.
    private var rowSums: [UInt64]

    /// `streaming`: rows are taken out with `averagedRow` as soon as `rowsCompleted` names them, never as a
    /// whole image, so only the rows in progress are kept (a 627x627 target would otherwise be 12.6 MB of sums
    /// to clear before the first row is read).
    init(sourceWidth: Int, sourceHeight: Int, width: Int, height: Int, bytesPerPixel: Int = 4, streaming: Bool = false) {
        precondition(sourceWidth > 0 && sourceHeight > 0 && width > 0 && height > 0, "box sizes must be positive")
        precondition(bytesPerPixel == 3 || bytesPerPixel == 4, "rows are RGB or RGBA")
        self.bytesPerPixel = bytesPerPixel
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.width = width
        self.height = height
        (columnStart, columnEnd) = Self.spans(source: sourceWidth, target: width)
        (rowStart, rowEnd) = Self.spans(source: sourceHeight, target: height)
        // At most height / sourceHeight + 1 target rows take the same source row; one more for the row completed last.
        slots = streaming ? min(height, height / sourceHeight + 2) : height
        sums = [UInt64](repeating: 0, count: width * slots * 4)
        rowSums = [UInt64](repeating: 0, count: width * 4)
    }

    /// Each target index covers the source indices that fall in it; when enlarging, at least one.
    private static func spans(source: Int, target: Int) -> ([Int], [Int]) {
        var starts: [Int] = [], ends: [Int] = []
        for index in 0..<target {
            let start = min(source - 1, index * source / target)
            starts.append(start)
            ends.append(max(start + 1, (index + 1) * source / target))
        }
        return (starts, ends)
    }

    /// The target rows that source row `y` contributes to.
    private func targetRows(containing y: Int) -> Range<Int> {
        var first = min(height - 1, y * height / sourceHeight)
        while first > 0, rowEnd[first - 1] > y { first -= 1 }
        while first < height, rowEnd[first] <= y { first += 1 }
        var last = first
        while last < height, rowStart[last] <= y { last += 1 }
        return first..<last
    }

    /// Adds source row `y` (`sourceWidth` pixels of `bytesPerPixel` bytes).
    mutating func add(row: UnsafePointer<UInt8>, y: Int) {
        let targets = targetRows(containing: y)
        guard !targets.isEmpty else { return }
        let width = width, step = bytesPerPixel, hasAlpha = bytesPerPixel == 4
        columnStart.withUnsafeBufferPointer { starts in
            columnEnd.withUnsafeBufferPointer { ends in
                rowSums.withUnsafeMutableBufferPointer { out in
                    for x in 0..<width {
                        var red: UInt64 = 0, green: UInt64 = 0, blue: UInt64 = 0, alpha: UInt64 = 0
                        var pixel = row + starts[x] * step
                        if hasAlpha {
                            for _ in starts[x]..<ends[x] {
                                let a = UInt64(pixel[3])
                                red &+= UInt64(pixel[0]) &* a
                                green &+= UInt64(pixel[1]) &* a
                                blue &+= UInt64(pixel[2]) &* a
                                alpha &+= a
                                pixel += step
                            }
                        } else {
                            // Opaque rows: sum plainly, weight once (the same sums as alpha 255 per pixel).
                            var r: UInt32 = 0, g: UInt32 = 0, b: UInt32 = 0
                            for _ in starts[x]..<ends[x] {
                                r &+= UInt32(pixel[0])
                                g &+= UInt32(pixel[1])
                                b &+= UInt32(pixel[2])
                                pixel += 3
                            }
                            red = UInt64(r) &* 255
                            green = UInt64(g) &* 255
                            blue = UInt64(b) &* 255
                            alpha = UInt64(ends[x] - starts[x]) &* 255
                        }
                        out[x * 4] = red
                        out[x * 4 + 1] = green
                        out[x * 4 + 2] = blue
                        out[x * 4 + 3] = alpha
                    }
                }
            }
        }
        let slots = slots, height = height, rowStart = rowStart
        rowSums.withUnsafeBufferPointer { rowSums in
            sums.withUnsafeMutableBufferPointer { sums in
                for target in targets {
                    let base = target % slots * width * 4
                    if slots < height, rowStart[target] == y {
                        for index in 0..<(width * 4) { sums[base + index] = rowSums[index] }
                        continue
                    }
                    for index in 0..<(width * 4) { sums[base + index] &+= rowSums[index] }
                }
            }
        }
    }

    /// Adds every row of an RGBA8 image of the source size.
    mutating func add(image: RGBAImage) {
        precondition(bytesPerPixel == 4, "an RGBAImage has four bytes per pixel")
        image.pixels.withUnsafeBufferPointer { pixels in
            guard let base = pixels.baseAddress else { return }
            for y in 0..<sourceHeight { add(row: base + y * sourceWidth * 4, y: y) }
        }
    }

    private func pixelCount(x: Int, y: Int) -> UInt64 {
        UInt64((columnEnd[x] - columnStart[x]) * (rowEnd[y] - rowStart[y]))
    }

    /// The target rows that are complete once source row `y` is added (none of them takes a later source row).
    func rowsCompleted(bySourceRow y: Int) -> Range<Int> {
        let targets = targetRows(containing: y)
        var first = targets.lowerBound
        while first < targets.upperBound, rowEnd[first] != y + 1 { first += 1 }
        var last = first
        while last < targets.upperBound, rowEnd[last] == y + 1 { last += 1 }
        return first..<last
    }

    /// Target row `y`'s averages (colour un-premultiplied) into `target`: RGBA, or RGB (`channels` 3, alpha dropped).
    func averagedRow(_ y: Int, into target: UnsafeMutablePointer<UInt8>, channels: Int) {
        let width = width
        let rows = UInt64(rowEnd[y] - rowStart[y])
        sums.withUnsafeBufferPointer { sums in
            columnStart.withUnsafeBufferPointer { starts in
                columnEnd.withUnsafeBufferPointer { ends in
                    for x in 0..<width {
                        let index = (y % slots * width + x) * 4, out = x * channels
                        let alpha = sums[index + 3]
                        guard alpha > 0 else {
                            for channel in 0..<channels { target[out + channel] = 0 }
                            continue
                        }
                        for channel in 0..<3 { target[out + channel] = UInt8(truncatingIfNeeded: (sums[index + channel] + alpha / 2) / alpha) }
                        if channels == 4 {
                            // Opaque areas (alpha sum = 255 per pixel) need no division.
                            let count = rows * UInt64(ends[x] - starts[x])
                            target[out + 3] = alpha == 255 * count ? 255 : UInt8(truncatingIfNeeded: (alpha + count / 2) / count)
                        }
                    }
                }
            }
        }
    }

    /// The averages as an RGBA8 image (colour un-premultiplied).
    func averagedImage() -> RGBAImage {
        precondition(slots == height, "a streaming accumulator keeps only the rows in progress")
        let width = width, height = height
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height * 4) { target, initialized in
            if let base = target.baseAddress {
                for y in 0..<height { averagedRow(y, into: base + y * width * 4, channels: 4) }
            }
            initialized = width * height * 4
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// The averages composited over `background`, one opaque colour per target pixel.
    func composited(over background: RGB) -> [RGB] {
        precondition(slots == height, "a streaming accumulator keeps only the rows in progress")
        var colors: [RGB] = []
        colors.reserveCapacity(width * height)
        let backdrop = [UInt64(background.r), UInt64(background.g), UInt64(background.b)]
        for y in 0..<height {
            for x in 0..<width {
                let index = (y * width + x) * 4
                let full = 255 * pixelCount(x: x, y: y)
                let uncovered = full - sums[index + 3]
                func channel(_ offset: Int) -> UInt8 {
                    UInt8((sums[index + offset] + backdrop[offset] * uncovered + full / 2) / full)
                }
                colors.append(RGB(r: channel(0), g: channel(1), b: channel(2)))
            }
        }
        return colors
    }
}
