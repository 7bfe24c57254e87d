/// A horizontal bar showing where a value sits in its range.
public enum SliderBar {
    /// The bar text for `value` in `bounds`, `width` columns wide.
    public static func text(value: Double, bounds: ClosedRange<Double>, width: Int, theme: Theme) -> String {
        guard width > 0 else { return "" }
        let span = bounds.upperBound - bounds.lowerBound
        let fraction = span > 0 ? min(1, max(0, (value - bounds.lowerBound) / span)) : 1
        let filled = Int((fraction * Double(width)).rounded())
        let glyphs = theme.sliderGlyphs
        return String(repeating: glyphs.filled, count: filled) + String(repeating: glyphs.empty, count: width - filled)
    }
}
