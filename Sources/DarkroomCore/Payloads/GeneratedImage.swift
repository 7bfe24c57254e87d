/// A model's output image.
public struct GeneratedImage: Sendable, Equatable {
    /// PNG bytes, base64 already decoded.
    public var png: [UInt8]
    /// The seed the model reports using (nil when its response carries none).
    public var seed: UInt32?
    /// The model's finish reason when it gives one (`SUCCESS`).
    public var finishReason: String?

    public init(png: [UInt8], seed: UInt32?, finishReason: String?) {
        self.png = png
        self.seed = seed
        self.finishReason = finishReason
    }
}
