import DarkroomImaging

/// How far apart two same-sized images are, for fidelity checks (tests, screenshots, the benchmark).
public enum ImageDifference {
    /// The mean OKLab distance per pixel (alpha composited over black); 0 is identical, ~0.01 is barely visible.
    public static func meanOKLab(_ first: RGBAImage, _ second: RGBAImage) -> Double {
        precondition(first.width == second.width && first.height == second.height, "images differ in size")
        let count = first.width * first.height
        guard count > 0 else { return 0 }
        var total = 0.0
        var cache: [UInt32: OKLab] = [:]
        func lab(_ pixels: [UInt8], _ offset: Int) -> OKLab {
            let alpha = pixels[offset + 3]
            let color = RGB(r: RGB.blend(pixels[offset], alpha: alpha, over: 0), g: RGB.blend(pixels[offset + 1], alpha: alpha, over: 0),
                            b: RGB.blend(pixels[offset + 2], alpha: alpha, over: 0))
            let key = UInt32(color.r) << 16 | UInt32(color.g) << 8 | UInt32(color.b)
            if let known = cache[key] { return known }
            let converted = OKLab(color)
            cache[key] = converted
            return converted
        }
        for pixel in 0..<count {
            total += Double(lab(first.pixels, pixel * 4).distanceSquared(to: lab(second.pixels, pixel * 4)).squareRoot())
        }
        return total / Double(count)
    }
}
