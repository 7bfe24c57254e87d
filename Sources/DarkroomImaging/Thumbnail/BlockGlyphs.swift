/// The block glyphs and how they relate, shared by the renderer and the serializer.
enum BlockGlyphs {
    /// Quadrant glyphs indexed by a mask of the foreground quadrants: bit 0 top left, bit 1 top
    /// right, bit 2 bottom left, bit 3 bottom right.
    static let quadrants: [Character] = [
        " ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█",
    ]

    static let upperHalf: Character = "▀"
    static let full: Character = "█"

    /// The glyph that shows the same picture with foreground and background swapped.
    static let inverse: [Character: Character] = {
        var table: [Character: Character] = [:]
        for (mask, glyph) in quadrants.enumerated() { table[glyph] = quadrants[15 - mask] }
        return table
    }()

    /// Dark to bright, for the ASCII symbol set.
    static let densityRamp: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
}
