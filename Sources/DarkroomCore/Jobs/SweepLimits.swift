/// How large a parameter sweep may be (config keys `sweep_max_images` and `sweep_confirm_over`).
public struct SweepLimits: Hashable, Sendable {
    /// The most images one sweep may ask for.
    public var maxImages: Int
    /// Sweeps of more images than this ask before they start.
    public var confirmOver: Int

    public static let standard = SweepLimits(maxImages: 64, confirmOver: 20)

    public init(maxImages: Int, confirmOver: Int) {
        self.maxImages = maxImages
        self.confirmOver = confirmOver
    }
}
