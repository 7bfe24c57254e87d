import DarkroomImaging

/// Makes the small PNG written under `output-thumbnails/` so galleries over SSH fetch kilobytes.
public enum Thumbnail {
    /// `png` scaled so its long side is at most `longSide` (never enlarged).
    public static func make(from png: [UInt8], longSide: Int) throws(PNGError) -> [UInt8] {
        try PNG.encode(PNG.decode(png, fittingLongSide: longSide))
    }
}
