import DarkroomImaging

/// Distinct pictures for the benches' galleries: a gradient that differs with every seed.
enum SyntheticImage {
    static func gradient(seed: Int, side: Int) -> RGBAImage {
        var pixels = [UInt8](repeating: 255, count: side * side * 4)
        for y in 0..<side {
            for x in 0..<side {
                let offset = (y * side + x) * 4
                pixels[offset] = UInt8((x * 4 + seed) & 255)
                pixels[offset + 1] = UInt8((y * 4 + seed * 7) & 255)
                pixels[offset + 2] = UInt8((x + y + seed * 13) & 255)
            }
        }
        return RGBAImage(width: side, height: side, pixels: pixels)
    }
}
