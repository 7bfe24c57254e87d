import DarkroomImaging
import DarkroomTerminal

/// Finds the picture a terminal drew on a black screen (or any area of one luma) and scores it against the source.
enum ScreenScore {
    struct Rectangle: Equatable, Sendable, CustomStringConvertible {
        var x: Int, y: Int, width: Int, height: Int
        var description: String { "\(width)x\(height)+\(x)+\(y)" }
    }

    /// The densest block of non-black pixels: the longest run of rows holding at least `minimumRun` lit
    /// pixels, then within those rows the longest run of columns lit in at least half of them. Scrollbars
    /// and a stray cursor fall outside.
    static func pictureRectangle(in screen: RGBAImage, minimumRun: Int = 16) -> Rectangle? {
        func lit(_ x: Int, _ y: Int) -> Bool {
            let offset = (y * screen.width + x) * 4
            return max(screen.pixels[offset], screen.pixels[offset + 1], screen.pixels[offset + 2]) > 24
        }
        func longestRun(_ flags: [Bool]) -> Range<Int>? {
            var best: Range<Int>?
            var start: Int?
            for (index, flag) in (flags + [false]).enumerated() {
                if flag, start == nil { start = index }
                if !flag, let begun = start {
                    if best.map({ index - begun > $0.count }) ?? true { best = begun..<index }
                    start = nil
                }
            }
            return best
        }
        let rows = (0..<screen.height).map { y in (0..<screen.width).reduce(0) { $0 + (lit($1, y) ? 1 : 0) } >= minimumRun }
        guard let rowRun = longestRun(rows), rowRun.count >= minimumRun else { return nil }
        let columns = (0..<screen.width).map { x in rowRun.reduce(0) { $0 + (lit(x, $1) ? 1 : 0) } * 2 >= rowRun.count }
        guard let columnRun = longestRun(columns), columnRun.count >= minimumRun else { return nil }
        return Rectangle(x: columnRun.lowerBound, y: rowRun.lowerBound, width: columnRun.count, height: rowRun.count)
    }

    /// The bounding box of the pixels inside `area` (the whole image when nil) whose luma (0–255) passes `test`:
    /// on a screen that is not black, where `pictureRectangle` does not apply.
    static func bounds(in image: RGBAImage, inside area: Rectangle? = nil, where test: (Int) -> Bool) -> Rectangle? {
        let area = area ?? Rectangle(x: 0, y: 0, width: image.width, height: image.height)
        var (minX, minY, maxX, maxY) = (Int.max, Int.max, -1, -1)
        for y in area.y..<(area.y + area.height) {
            for x in area.x..<(area.x + area.width) {
                let offset = (y * image.width + x) * 4
                let luma = (2126 * Int(image.pixels[offset]) + 7152 * Int(image.pixels[offset + 1]) + 722 * Int(image.pixels[offset + 2])) / 10_000
                guard test(luma) else { continue }
                (minX, minY, maxX, maxY) = (min(minX, x), min(minY, y), max(maxX, x), max(maxY, y))
            }
        }
        guard maxX >= 0 else { return nil }
        return Rectangle(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }

    static func crop(_ image: RGBAImage, _ rectangle: Rectangle) -> RGBAImage {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(rectangle.width * rectangle.height * 4)
        for y in rectangle.y..<(rectangle.y + rectangle.height) {
            let start = (y * image.width + rectangle.x) * 4
            pixels += image.pixels[start..<(start + rectangle.width * 4)]
        }
        return RGBAImage(width: rectangle.width, height: rectangle.height, pixels: pixels)
    }

    /// Mean OKLab error of the screen's rectangle against the source scaled to that rectangle.
    static func score(screen: RGBAImage, rectangle: Rectangle, source: RGBAImage) -> Double {
        ImageDifference.meanOKLab(crop(screen, rectangle), source.resized(width: rectangle.width, height: rectangle.height))
    }
}
