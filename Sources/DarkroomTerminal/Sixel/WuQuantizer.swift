import DarkroomImaging

/// Xiaolin Wu's colour quantiser ("Efficient Statistical Computations for Optimal Color Quantization",
/// Graphics Gems II): cumulative moments over a 33^3 grid of 5-bit colours let any box's count, sums and
/// variance be read in constant time, and boxes are split greedily where the variance drops most.
enum WuQuantizer {
    private static let side = 33
    private struct Box {
        var r0 = 0, r1 = 0, g0 = 0, g1 = 0, b0 = 0, b1 = 0
        var volume: Int { (r1 - r0) * (g1 - g0) * (b1 - b0) }
    }
    private enum Axis { case red, green, blue }

    /// Per 5-bit colour cell (padded to 33^3 for the moments): pixel count, channel sums and summed squares.
    /// Filled a row at a time, so the sixel pipeline counts rows while later ones are still decoding.
    struct Histogram {
        fileprivate var weight: [Int64]
        fileprivate var red: [Int64]
        fileprivate var green: [Int64]
        fileprivate var blue: [Int64]
        /// Integer squares while counting (exact up to 2^63 / 195075 pixels), Doubles only for the moments.
        fileprivate var squares: [Int64]
        fileprivate private(set) var isEmpty = true

        init() {
            let count = WuQuantizer.side * WuQuantizer.side * WuQuantizer.side
            weight = [Int64](repeating: 0, count: count)
            red = weight
            green = weight
            blue = weight
            squares = weight
        }

        /// Counts `pixels` RGB pixels (3 bytes each).
        mutating func add(_ rgb: UnsafePointer<UInt8>, pixels: Int) {
            guard pixels > 0 else { return }
            isEmpty = false
            weight.withUnsafeMutableBufferPointer { weight in
                red.withUnsafeMutableBufferPointer { red in
                    green.withUnsafeMutableBufferPointer { green in
                        blue.withUnsafeMutableBufferPointer { blue in
                            squares.withUnsafeMutableBufferPointer { squares in
                                for pixel in 0..<pixels {
                                    let r = Int(rgb[pixel * 3]), g = Int(rgb[pixel * 3 + 1]), b = Int(rgb[pixel * 3 + 2])
                                    let index = WuQuantizer.index((r >> 3) + 1, (g >> 3) + 1, (b >> 3) + 1)
                                    weight[index] &+= 1
                                    red[index] &+= Int64(r)
                                    green[index] &+= Int64(g)
                                    blue[index] &+= Int64(b)
                                    squares[index] &+= Int64(r * r + g * g + b * b)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private struct Moments {
        var weight: [Int64]
        var red: [Int64]
        var green: [Int64]
        var blue: [Int64]
        var squares: [Double]

        init(histogram: Histogram) {
            weight = histogram.weight
            red = histogram.red
            green = histogram.green
            blue = histogram.blue
            squares = histogram.squares.map { Double($0) }
            accumulate()
        }

        /// Turns the histogram into cumulative moments: entry (r, g, b) holds the sums over [1...r]x[1...g]x[1...b].
        private mutating func accumulate() {
            let side = WuQuantizer.side
            for r in 1..<side {
                var areaWeight = [Int64](repeating: 0, count: side), areaRed = areaWeight, areaGreen = areaWeight, areaBlue = areaWeight
                var areaSquares = [Double](repeating: 0, count: side)
                for g in 1..<side {
                    var lineWeight: Int64 = 0, lineRed: Int64 = 0, lineGreen: Int64 = 0, lineBlue: Int64 = 0
                    var lineSquares = 0.0
                    for b in 1..<side {
                        let index = WuQuantizer.index(r, g, b)
                        let previous = WuQuantizer.index(r - 1, g, b)
                        lineWeight += weight[index]
                        lineRed += red[index]
                        lineGreen += green[index]
                        lineBlue += blue[index]
                        lineSquares += squares[index]
                        areaWeight[b] += lineWeight
                        areaRed[b] += lineRed
                        areaGreen[b] += lineGreen
                        areaBlue[b] += lineBlue
                        areaSquares[b] += lineSquares
                        weight[index] = weight[previous] + areaWeight[b]
                        red[index] = red[previous] + areaRed[b]
                        green[index] = green[previous] + areaGreen[b]
                        blue[index] = blue[previous] + areaBlue[b]
                        squares[index] = squares[previous] + areaSquares[b]
                    }
                }
            }
        }
    }

    static func index(_ r: Int, _ g: Int, _ b: Int) -> Int { (r * side + g) * side + b }

    /// Up to `count` colours for the RGB bytes.
    static func palette(rgb: [UInt8], count: Int) -> [RGB] {
        var histogram = Histogram()
        rgb.withUnsafeBufferPointer { rgb in
            if let base = rgb.baseAddress { histogram.add(base, pixels: rgb.count / 3) }
        }
        return palette(histogram: histogram, count: count)
    }

    /// Up to `count` colours for the pixels counted in `histogram`.
    static func palette(histogram: Histogram, count: Int) -> [RGB] {
        guard !histogram.isEmpty else { return [] }
        let moments = Moments(histogram: histogram)
        var boxes = [Box(r0: 0, r1: side - 1, g0: 0, g1: side - 1, b0: 0, b1: side - 1)]
        var variances = [0.0]
        variances[0] = variance(boxes[0], moments)
        while boxes.count < count {
            // The box whose split promises the largest drop: the one with the largest variance.
            guard let next = variances.indices.max(by: { variances[$0] < variances[$1] }), variances[next] > 0 else { break }
            var first = boxes[next]
            if let second = cut(&first, moments) {
                boxes[next] = first
                boxes.append(second)
                variances[next] = first.volume > 1 ? variance(first, moments) : 0
                variances.append(second.volume > 1 ? variance(second, moments) : 0)
            } else {
                variances[next] = 0
            }
        }
        return boxes.compactMap { box in
            let weight = volume(box, moments.weight)
            guard weight > 0 else { return nil }
            func mean(_ sums: [Int64]) -> UInt8 { UInt8(clamping: (volume(box, sums) + weight / 2) / weight) }
            return RGB(r: mean(moments.red), g: mean(moments.green), b: mean(moments.blue))
        }
    }

    private static func volume<T: Numeric>(_ box: Box, _ m: [T]) -> T {
        m[index(box.r1, box.g1, box.b1)] - m[index(box.r1, box.g1, box.b0)] - m[index(box.r1, box.g0, box.b1)]
            + m[index(box.r1, box.g0, box.b0)] - m[index(box.r0, box.g1, box.b1)] + m[index(box.r0, box.g1, box.b0)]
            + m[index(box.r0, box.g0, box.b1)] - m[index(box.r0, box.g0, box.b0)]
    }

    /// The part of `volume` that does not depend on the box's upper bound along `axis`.
    private static func bottom(_ box: Box, _ axis: Axis, _ m: [Int64]) -> Int64 {
        switch axis {
        case .red:
            -m[index(box.r0, box.g1, box.b1)] + m[index(box.r0, box.g1, box.b0)] + m[index(box.r0, box.g0, box.b1)] - m[index(box.r0, box.g0, box.b0)]
        case .green:
            -m[index(box.r1, box.g0, box.b1)] + m[index(box.r1, box.g0, box.b0)] + m[index(box.r0, box.g0, box.b1)] - m[index(box.r0, box.g0, box.b0)]
        case .blue:
            -m[index(box.r1, box.g1, box.b0)] + m[index(box.r1, box.g0, box.b0)] + m[index(box.r0, box.g1, box.b0)] - m[index(box.r0, box.g0, box.b0)]
        }
    }

    /// The rest of `volume` with the upper bound along `axis` moved to `position`.
    private static func top(_ box: Box, _ axis: Axis, _ position: Int, _ m: [Int64]) -> Int64 {
        switch axis {
        case .red:
            m[index(position, box.g1, box.b1)] - m[index(position, box.g1, box.b0)] - m[index(position, box.g0, box.b1)] + m[index(position, box.g0, box.b0)]
        case .green:
            m[index(box.r1, position, box.b1)] - m[index(box.r1, position, box.b0)] - m[index(box.r0, position, box.b1)] + m[index(box.r0, position, box.b0)]
        case .blue:
            m[index(box.r1, box.g1, position)] - m[index(box.r1, box.g0, position)] - m[index(box.r0, box.g1, position)] + m[index(box.r0, box.g0, position)]
        }
    }

    /// The box's summed squared distance from its mean.
    private static func variance(_ box: Box, _ moments: Moments) -> Double {
        let r = Double(volume(box, moments.red)), g = Double(volume(box, moments.green)), b = Double(volume(box, moments.blue))
        let weight = Double(volume(box, moments.weight))
        guard weight > 0 else { return 0 }
        return volume(box, moments.squares) - (r * r + g * g + b * b) / weight
    }

    /// The best split position along `axis` and how much it is worth (the sum over both halves of |sum|^2/weight).
    private static func maximize(_ box: Box, _ axis: Axis, first: Int, last: Int, whole: (Int64, Int64, Int64, Int64),
                                 _ moments: Moments) -> (value: Double, position: Int) {
        let baseR = bottom(box, axis, moments.red), baseG = bottom(box, axis, moments.green)
        let baseB = bottom(box, axis, moments.blue), baseW = bottom(box, axis, moments.weight)
        var best = (value: 0.0, position: -1)
        guard first < last else { return best }
        for position in first..<last {
            let halfR = baseR + top(box, axis, position, moments.red), halfG = baseG + top(box, axis, position, moments.green)
            let halfB = baseB + top(box, axis, position, moments.blue), halfW = baseW + top(box, axis, position, moments.weight)
            guard halfW != 0 else { continue }
            let otherR = whole.0 - halfR, otherG = whole.1 - halfG, otherB = whole.2 - halfB, otherW = whole.3 - halfW
            guard otherW != 0 else { continue }
            let value = (Double(halfR) * Double(halfR) + Double(halfG) * Double(halfG) + Double(halfB) * Double(halfB)) / Double(halfW)
                + (Double(otherR) * Double(otherR) + Double(otherG) * Double(otherG) + Double(otherB) * Double(otherB)) / Double(otherW)
            if value > best.value { best = (value, position) }
        }
        return best
    }

    /// Splits `box` in two along the axis and position that reduce variance most; nil when it cannot be split.
    private static func cut(_ box: inout Box, _ moments: Moments) -> Box? {
        let whole = (volume(box, moments.red), volume(box, moments.green), volume(box, moments.blue), volume(box, moments.weight))
        let red = maximize(box, .red, first: box.r0 + 1, last: box.r1, whole: whole, moments)
        let green = maximize(box, .green, first: box.g0 + 1, last: box.g1, whole: whole, moments)
        let blue = maximize(box, .blue, first: box.b0 + 1, last: box.b1, whole: whole, moments)
        var second = box
        if red.value >= green.value && red.value >= blue.value {
            guard red.position >= 0 else { return nil }
            box.r1 = red.position
            second.r0 = red.position
        } else if green.value >= blue.value {
            guard green.position >= 0 else { return nil }
            box.g1 = green.position
            second.g0 = green.position
        } else {
            guard blue.position >= 0 else { return nil }
            box.b1 = blue.position
            second.b0 = blue.position
        }
        return second
    }
}
