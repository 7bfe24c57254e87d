/// Budgets that keep a hostile or accidental huge PNG from exhausting memory.
public struct PNGLimits: Sendable, Equatable {
    /// The largest `width * height` decoded; checked from the header before pixels are allocated.
    public var maxPixels: Int
    /// The largest file accepted, in bytes.
    public var maxBytes: Int

    /// Sets both budgets.
    public init(maxPixels: Int = 64_000_000, maxBytes: Int = 256 << 20) {
        self.maxPixels = maxPixels
        self.maxBytes = maxBytes
    }

    /// 64 megapixels and 256 MiB.
    public static let standard = PNGLimits()
}
