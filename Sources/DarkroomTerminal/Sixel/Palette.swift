import DarkroomImaging
import Dispatch

/// Up to 256 colours for one image, and the mapping of any colour to its nearest entry.
public struct Palette: Sendable, Equatable {
    /// The entries, RGB.
    public private(set) var colors: [RGB]

    public init(colors: [RGB]) {
        self.colors = colors
    }

    /// Each channel rounded to the nearest percent and back: sixel defines colours in percent, so the
    /// colours the terminal shows are these, and pixels must be matched against them.
    public func snappedToPercent() -> Palette {
        func snap(_ value: UInt8) -> UInt8 { UInt8((Self.percent(value) * 255 + 50) / 100) }
        return Palette(colors: colors.map { RGB(r: snap($0.r), g: snap($0.g), b: snap($0.b)) })
    }

    /// A channel value in sixel's percent units, rounded.
    static func percent(_ value: UInt8) -> Int { (Int(value) * 100 + 127) / 255 }

    /// The index of the entry nearest to (r, g, b) in squared RGB distance.
    func nearest(_ r: Int, _ g: Int, _ b: Int) -> Int {
        var best = 0
        var bestDistance = Int.max
        for (index, color) in colors.enumerated() {
            let dr = Int(color.r) - r, dg = Int(color.g) - g, db = Int(color.b) - b
            let distance = dr * dr + dg * dg + db * db
            if distance < bestDistance {
                bestDistance = distance
                best = index
            }
        }
        return best
    }
}

/// Nearest-entry answers cached per 6-bit-per-channel bin: images repeat colours, and a search over 256
/// entries costs far more than a table probe. Bins are matched by their centre (error at most 2 levels).
/// A miss searches the entries sorted by green outwards from the bin's green, stopping on each side once
/// the green difference alone exceeds the best distance: the same answer as a full search, in a tenth of the steps.
struct NearestColorCache {
    let palette: Palette
    private var table: [Int16]
    /// The entries sorted by green: (g, r, b, index) packed for the search.
    private let sorted: [(g: Int, r: Int, b: Int, index: Int)]
    /// The first position in `sorted` whose green is at least the index (257 entries).
    private let greenStart: [Int]

    init(palette: Palette) {
        self.palette = palette
        table = [Int16](repeating: -1, count: 1 << 18)
        sorted = palette.colors.enumerated().map { (Int($0.element.g), Int($0.element.r), Int($0.element.b), $0.offset) }
            .sorted { ($0.g, $0.index) < ($1.g, $1.index) }
        var starts = [Int](repeating: 0, count: 257)
        var position = 0
        for green in 0...256 {
            while position < sorted.count, sorted[position].g < green { position += 1 }
            starts[green] = position
        }
        greenStart = starts
    }

    /// A cache with every bin in `bins` answered ahead, half of them on each of two threads. The band writers
    /// each take a copy: the copies share one table as long as none of them misses, and none does for the
    /// pixels the bins were taken from (a separate cache per writer would search every bin twice).
    init(palette: Palette, prefilling bins: ColorBins) {
        self.init(palette: palette)
        let keys = bins.keys
        let sorted = sorted, greenStart = greenStart
        table.withUnsafeMutableBufferPointer { table in
            keys.withUnsafeBufferPointer { keys in
                guard let table = PartPointer(table), let keys = PartPointer(keys) else { return }
                let count = bins.count
                DispatchQueue.concurrentPerform(iterations: count >= 4096 ? 2 : 1) { part in
                    let parts = count >= 4096 ? 2 : 1
                    for position in (count * part / parts)..<(count * (part + 1) / parts) {
                        let key = Int(keys.base[position])
                        table.base[key] = Int16(Self.nearest((key >> 12) << 2 | 2, (key >> 6 & 63) << 2 | 2, (key & 63) << 2 | 2,
                                                             sorted: sorted, greenStart: greenStart))
                    }
                }
            }
        }
    }

    /// The 6-bit-per-channel bin of a colour.
    static func bin(_ r: Int, _ g: Int, _ b: Int) -> Int { (r >> 2) << 12 | (g >> 2) << 6 | (b >> 2) }

    mutating func index(_ r: Int, _ g: Int, _ b: Int) -> Int {
        let key = Self.bin(r, g, b)
        let cached = table[key]
        if cached >= 0 { return Int(cached) }
        // The bin's centre, whichever of its colours comes first: the answer must not depend on the order of
        // lookups (the mapping runs in parts with a cache each).
        let found = Self.nearest(r & ~3 | 2, g & ~3 | 2, b & ~3 | 2, sorted: sorted, greenStart: greenStart)
        table[key] = Int16(found)
        return found
    }

    /// The nearest entry's index for each of `count` RGB pixels (3 bytes each).
    mutating func map(_ rgb: UnsafePointer<UInt8>, into indices: UnsafeMutablePointer<UInt8>, count: Int) {
        for pixel in 0..<count {
            let r = Int(rgb[pixel * 3]), g = Int(rgb[pixel * 3 + 1]), b = Int(rgb[pixel * 3 + 2])
            let cached = table.withUnsafeBufferPointer { $0[Self.bin(r, g, b)] }
            indices[pixel] = UInt8(truncatingIfNeeded: cached >= 0 ? Int(cached) : index(r, g, b))
        }
    }

    private static func nearest(_ r: Int, _ g: Int, _ b: Int, sorted: [(g: Int, r: Int, b: Int, index: Int)], greenStart: [Int]) -> Int {
        sorted.withUnsafeBufferPointer { sorted in
            var best = 0, bestDistance = Int.max
            var up = greenStart[g], down = up - 1
            while up < sorted.count || down >= 0 {
                if up < sorted.count {
                    let entry = sorted[up], dg = entry.g - g
                    if dg * dg >= bestDistance {
                        up = sorted.count
                    } else {
                        let distance = (entry.r - r) * (entry.r - r) + dg * dg + (entry.b - b) * (entry.b - b)
                        if distance < bestDistance || (distance == bestDistance && entry.index < best) { best = entry.index; bestDistance = distance }
                        up += 1
                    }
                }
                if down >= 0 {
                    let entry = sorted[down], dg = entry.g - g
                    if dg * dg >= bestDistance {
                        down = -1
                    } else {
                        let distance = (entry.r - r) * (entry.r - r) + dg * dg + (entry.b - b) * (entry.b - b)
                        if distance < bestDistance || (distance == bestDistance && entry.index < best) { best = entry.index; bestDistance = distance }
                        down -= 1
                    }
                }
            }
            return best
        }
    }
}

/// The 6-bit-per-channel bins (`NearestColorCache`'s) that an image's pixels fall in, counted as the rows arrive.
struct ColorBins: Sendable {
    private var words = [UInt64](repeating: 0, count: (1 << 18) / 64)
    private(set) var count = 0

    init() {}

    /// Marks the bins of `pixels` RGB pixels (3 bytes each).
    mutating func add(_ rgb: UnsafePointer<UInt8>, pixels: Int) {
        var added = 0
        words.withUnsafeMutableBufferPointer { words in
            for pixel in 0..<pixels {
                let key = NearestColorCache.bin(Int(rgb[pixel * 3]), Int(rgb[pixel * 3 + 1]), Int(rgb[pixel * 3 + 2]))
                let bit = UInt64(1) << UInt64(key & 63)
                if words[key >> 6] & bit == 0 {
                    words[key >> 6] |= bit
                    added += 1
                }
            }
        }
        count += added
    }

    /// The marked bins, ascending.
    var keys: [Int32] {
        var keys: [Int32] = []
        keys.reserveCapacity(count)
        for (index, word) in words.enumerated() where word != 0 {
            var remaining = word
            while remaining != 0 {
                keys.append(Int32(index * 64 + remaining.trailingZeroBitCount))
                remaining &= remaining - 1
            }
        }
        return keys
    }
}
