import DarkroomImaging

/// Makes the small PNG written under `output-thumbnails/` so galleries over SSH fetch kilobytes.
public enum Thumbnail {
    /// `png` scaled so its long side is at most `longSide` (never enlarged).
    public static func make(from png: [UInt8], longSide: Int) throws(PNGError) -> [UInt8] {
        let image = try PNG.decode(png)
        let scale = min(1, Double(longSide) / Double(max(image.width, image.height)))
        let width = max(1, Int((Double(image.width) * scale).rounded()))
        let height = max(1, Int((Double(image.height) * scale).rounded()))
        let small = scale < 1 ? image.resized(width: width, height: height) : image
        return try PNG.encode(small)
    }
}
