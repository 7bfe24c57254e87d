import DarkroomImaging

/// Heckbert's median cut over a 5-bit-per-channel histogram: the box holding the most pixels with a side
/// longer than one bin is split across its longest side at the pixel median; each box's mean is a colour.
enum MedianCut {
    private struct Entry {
        var key: (Int, Int, Int)
        var count: Int
        var sums: (Int, Int, Int)
    }

    static func palette(rgb: [UInt8], count: Int) -> [RGB] {
        var histogram = [Int: Entry]()
        var pixel = 0
        while pixel + 2 < rgb.count {
            let r = Int(rgb[pixel]), g = Int(rgb[pixel + 1]), b = Int(rgb[pixel + 2])
            let key = (r >> 3) << 10 | (g >> 3) << 5 | b >> 3
            var entry = histogram[key] ?? Entry(key: (r >> 3, g >> 3, b >> 3), count: 0, sums: (0, 0, 0))
            entry.count += 1
            entry.sums = (entry.sums.0 + r, entry.sums.1 + g, entry.sums.2 + b)
            histogram[key] = entry
            pixel += 3
        }
        var boxes: [[Entry]] = [Array(histogram.values)]
        while boxes.count < count {
            var chosen: (index: Int, axis: Int)?
            var most = 0
            for (index, box) in boxes.enumerated() where box.count > 1 {
                let (axis, span) = longestSide(box)
                let pixels = box.reduce(0) { $0 + $1.count }
                if span > 0 && pixels > most {
                    most = pixels
                    chosen = (index, axis)
                }
            }
            guard let chosen else { break }
            let sorted = boxes[chosen.index].sorted { component($0, chosen.axis) < component($1, chosen.axis) }
            var seen = 0
            var split = 1
            for (position, entry) in sorted.enumerated() {
                seen += entry.count
                if seen * 2 >= most {
                    split = max(1, min(sorted.count - 1, position + 1))
                    break
                }
            }
            boxes[chosen.index] = Array(sorted[..<split])
            boxes.append(Array(sorted[split...]))
        }
        return boxes.compactMap { box in
            let pixels = box.reduce(0) { $0 + $1.count }
            guard pixels > 0 else { return nil }
            let r = box.reduce(0) { $0 + $1.sums.0 }, g = box.reduce(0) { $0 + $1.sums.1 }, b = box.reduce(0) { $0 + $1.sums.2 }
            return RGB(r: UInt8((r + pixels / 2) / pixels), g: UInt8((g + pixels / 2) / pixels), b: UInt8((b + pixels / 2) / pixels))
        }
    }

    private static func component(_ entry: Entry, _ axis: Int) -> Int {
        axis == 0 ? entry.key.0 : axis == 1 ? entry.key.1 : entry.key.2
    }

    private static func longestSide(_ box: [Entry]) -> (axis: Int, span: Int) {
        var best = (axis: 0, span: -1)
        for axis in 0..<3 {
            let values = box.map { component($0, axis) }
            let span = (values.max() ?? 0) - (values.min() ?? 0)
            if span > best.span { best = (axis, span) }
        }
        return best
    }
}
