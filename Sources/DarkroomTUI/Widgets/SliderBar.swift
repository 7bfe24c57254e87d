/// A horizontal bar showing where a value sits in its range: a heavy line up to the value, a light one after it,
/// as ratatui's `LineGauge` draws. Full blocks were tried first; two sliders on adjacent rows ran together into
/// one shape, since a terminal's block glyphs fill the cell to its neighbours.
public enum SliderBar {
    /// The bar for `value` in `bounds`, `width` columns wide, as its filled part and the rest.
    public static func parts(value: Double, bounds: ClosedRange<Double>, width: Int, theme: Theme) -> (filled: String, empty: String) {
        guard width > 0 else { return ("", "") }
        let span = bounds.upperBound - bounds.lowerBound
        let fraction = span > 0 ? min(1, max(0, (value - bounds.lowerBound) / span)) : 1
        let filled = Int((fraction * Double(width)).rounded())
        let glyphs = theme.sliderGlyphs
        return (String(repeating: glyphs.filled, count: filled), String(repeating: glyphs.empty, count: width - filled))
    }

    /// Draws the bar at (`x`, `y`): the filled part in `style`, the rest dim, so the value reads without colour too
    /// (the glyphs differ) and at a glance with it. Returns the columns drawn.
    @discardableResult
    public static func draw(value: Double, bounds: ClosedRange<Double>, width: Int, x: Int, y: Int, style: Style, theme: Theme,
                            into buffer: inout CellBuffer) -> Int {
        let (filled, empty) = parts(value: value, bounds: bounds, width: width, theme: theme)
        buffer.put(filled, x: x, y: y, style: style)
        buffer.put(empty, x: x + filled.count, y: y, style: theme.dim)
        return width
    }
}
