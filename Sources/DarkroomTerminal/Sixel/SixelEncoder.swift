import DarkroomImaging

/// DEC sixel graphics: the image reduced to at most 256 colours (a palette per image, defined in the
/// stream), then written six pixel rows at a time, one pass per colour present in the band, with runs
/// of equal sixels compressed (`!count`). Written here rather than through libsixel: measured by
/// `darkroom-bench graphics`, this encoder is faster with a lower colour error (see README).
public struct SixelEncoder: GraphicsEncoder {
    public var graphicsProtocol: GraphicsProtocol { .sixel }
    public var reducer: ColorReducer

    public init(reducer: ColorReducer = ColorReducer()) {
        self.reducer = reducer
    }

    public func encode(_ image: RGBAImage, placement: ImagePlacement) throws(GraphicsError) -> [UInt8] {
        let (palette, indices) = reducer.reduce(image)
        return Self.encode(width: image.width, height: image.height, palette: palette, indices: indices)
    }

    /// Sixels live in the cells: overwriting them removes the image.
    public func erase(_ placement: ImagePlacement) -> [UInt8] { [] }

    /// The sixel stream for an indexed image: `DCS 0;1;0 q`, raster attributes (1:1 pixels, the size), the
    /// palette in percent, the bands, `ST`. P2 = 1 leaves pixels no band sets (below the last row) untouched.
    public static func encode(width: Int, height: Int, palette: Palette, indices: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(width * height / 2 + palette.colors.count * 20 + 64)
        output += Array("\u{1B}P0;1;0q\"1;1;\(width);\(height)".utf8)
        for (index, color) in palette.colors.enumerated() {
            output += Array("#\(index);2;\(Palette.percent(color.r));\(Palette.percent(color.g));\(Palette.percent(color.b))".utf8)
        }
        guard width > 0, height > 0 else { return output + [0x1B, UInt8(ascii: "\\")] }
        var bits = [UInt8](repeating: 0, count: 256 * width)
        var used = [Bool](repeating: false, count: 256)
        var present: [Int] = []
        present.reserveCapacity(256)
        indices.withUnsafeBufferPointer { indices in
            for bandTop in stride(from: 0, to: height, by: 6) {
                for row in 0..<min(6, height - bandTop) {
                    let bit = UInt8(1) << row
                    let start = (bandTop + row) * width
                    for x in 0..<width {
                        let color = Int(indices[start + x])
                        bits[color * width + x] |= bit
                        if !used[color] {
                            used[color] = true
                            present.append(color)
                        }
                    }
                }
                for (order, color) in present.enumerated() {
                    if order > 0 { output.append(UInt8(ascii: "$")) }
                    output.append(UInt8(ascii: "#"))
                    appendNumber(color, to: &output)
                    let line = color * width
                    // Trailing empty sixels draw nothing: leave them out.
                    var end = width
                    while end > 0 && bits[line + end - 1] == 0 { end -= 1 }
                    var x = 0
                    while x < end {
                        let value = bits[line + x]
                        var run = 1
                        while x + run < end && bits[line + x + run] == value { run += 1 }
                        let character = value + 63
                        if run > 3 {
                            output.append(UInt8(ascii: "!"))
                            appendNumber(run, to: &output)
                            output.append(character)
                        } else {
                            for _ in 0..<run { output.append(character) }
                        }
                        x += run
                    }
                    for x in 0..<width { bits[line + x] = 0 }
                    used[color] = false
                }
                present.removeAll(keepingCapacity: true)
                // Next band; none after the last, which would move the cursor a line further.
                if bandTop + 6 < height { output.append(UInt8(ascii: "-")) }
            }
        }
        return output + [0x1B, UInt8(ascii: "\\")]
    }

    private static func appendNumber(_ value: Int, to output: inout [UInt8]) {
        if value >= 10 { appendNumber(value / 10, to: &output) }
        output.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
