/// The characters a thumbnail is drawn with.
public enum SymbolSet: String, CaseIterable, Sendable {
    /// `▀`/`▄`: two pixels per cell, one above the other.
    case half
    /// The 16 quadrant glyphs: four pixels per cell in two colours.
    case quad
    /// A density ramp of ASCII characters, for terminals without UTF-8.
    case ascii
}
