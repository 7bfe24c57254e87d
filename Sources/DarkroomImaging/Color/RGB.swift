/// An 8-bit sRGB colour.
public struct RGB: Hashable, Sendable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    public static let black = RGB(r: 0, g: 0, b: 0)

    /// One channel of a pixel of opacity `alpha` composited over a background channel `under`, rounded.
    @inlinable
    public static func blend(_ value: UInt8, alpha: UInt8, over under: UInt8) -> UInt8 {
        guard alpha < 255 else { return value }
        let opacity = UInt32(alpha)
        return UInt8(truncatingIfNeeded: (UInt32(value) * opacity + UInt32(under) * (255 - opacity) + 127) / 255)
    }

    /// Rec. 709 luma of the sRGB values, 0–255.
    var luma: Int {
        (2126 * Int(r) + 7152 * Int(g) + 722 * Int(b)) / 10_000
    }

    /// Whether text in the terminal's default (contrasting) foreground on this colour is dark: a light background.
    public var isLight: Bool { luma > 127 }

    /// `#rrggbb`.
    public var hex: String {
        "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
