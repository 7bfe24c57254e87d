/// Maps colours to a colour mode's palette, remembering recent answers: images repeat colours, and
/// a palette search costs far more than a table probe.
struct ColorQuantizer {
    let mode: ColorMode
    private static let cacheSize = 4096
    /// Direct-mapped cache: the colour (with bit 24 set to mark the slot used) and its index.
    private var cachedKeys: [UInt32]
    private var cachedIndices: [UInt8]

    init(mode: ColorMode) {
        self.mode = mode
        let slots = mode == .xterm256 || mode == .ansi16 || mode == .ansi8 ? Self.cacheSize : 0
        cachedKeys = [UInt32](repeating: 0, count: slots)
        cachedIndices = [UInt8](repeating: 0, count: slots)
    }

    mutating func color(for rgb: RGB) -> TerminalColor {
        switch mode {
        case .truecolor: return .rgb(rgb)
        case .none: return .terminalDefault
        case .xterm256, .ansi16, .ansi8: return .indexed(paletteIndex(for: rgb))
        }
    }

    private mutating func paletteIndex(for rgb: RGB) -> UInt8 {
        let key = 1 << 24 | UInt32(rgb.r) << 16 | UInt32(rgb.g) << 8 | UInt32(rgb.b)
        let slot = Int((key &* 2_654_435_761) >> 20) & (Self.cacheSize - 1)
        if cachedKeys[slot] == key { return cachedIndices[slot] }
        let index = switch mode {
        case .ansi16: XtermPalette.nearestBasic(to: rgb, count: 16)
        case .ansi8: XtermPalette.nearestBasic(to: rgb, count: 8)
        default: XtermPalette.nearestExtended(to: rgb)
        }
        cachedKeys[slot] = key
        cachedIndices[slot] = index
        return index
    }
}
