/// How large a sweep may be and when it needs confirming (`sweep_max_images`, `sweep_confirm_over`).
public struct SweepLimits: Hashable, Sendable {
    /// The most images one sweep may make.
    public var maxImages: Int
    /// Sweeps on a paid backend with more images than this need confirming (`--yes` on the command line).
    public var confirmOver: Int

    /// No setting may lift a sweep beyond this, so a typo cannot queue a million requests.
    public static let hardCeiling = 10_000
    /// How far a range's values are counted before they are only "more": a tiny step (`0-1:1e-19`) makes more values
    /// than an Int holds.
    public static let largestCounted = 1_000_000_000_000
    /// The defaults: 64 images at most, confirmation above 20.
    public static let standard = SweepLimits(maxImages: 64, confirmOver: 20)

    public init(maxImages: Int = 64, confirmOver: Int = 20) {
        self.maxImages = min(max(1, maxImages), Self.hardCeiling)
        self.confirmOver = max(0, confirmOver)
    }
}
