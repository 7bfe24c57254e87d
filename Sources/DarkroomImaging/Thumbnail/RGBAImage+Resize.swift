extension RGBAImage {
    /// The image scaled to `width`×`height` by area averaging (each target pixel is the
    /// alpha-weighted mean of the source pixels it covers).
    public func resized(width: Int, height: Int) -> RGBAImage {
        guard self.width > 0, self.height > 0, width > 0, height > 0 else {
            return RGBAImage(width: max(0, width), height: max(0, height), pixels: [UInt8](repeating: 0, count: max(0, width) * max(0, height) * 4))
        }
        var accumulator = BoxAccumulator(sourceWidth: self.width, sourceHeight: self.height, width: width, height: height)
        accumulator.add(image: self)
        return accumulator.averagedImage()
    }
}
