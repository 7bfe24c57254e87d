import DarkroomImaging

/// A PNG file decoded straight into a sixel stream. Each output row, as soon as the decoder has averaged it,
/// is made opaque RGB and counted into Wu's histogram and the colour bins on the thread that averages rows (which otherwise waits
/// for the other thread's inflating), so after the last row only the palette's box splits and the bands
/// (mapped and written on two threads) remain: no image-sized averaging, compositing or counting pass.
/// The bytes equal `SixelEncoder.encode` of the decoded image.
enum PipelinedSixel {
    static func encode(_ png: [UInt8], width: Int, height: Int, reducer: ColorReducer,
                       readAhead: PNG.BackgroundRunner?) throws(PNGError) -> [UInt8] {
        let rgb = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: width * height * 3)
        defer { rgb.deallocate() }
        guard let base = rgb.baseAddress else { return [] }
        var histogram = WuQuantizer.Histogram()
        var bins = ColorBins()
        try PNG.decodeRows(png, width: width, height: height, readAhead: readAhead) { y, pixels, channels in
            guard let source = pixels.baseAddress else { return }
            let row = base + y * width * 3
            if channels == 3 {
                row.update(from: source, count: width * 3)
            } else {
                reducer.composite(source, into: row, pixels: width)
            }
            histogram.add(row, pixels: width)
            bins.add(row, pixels: width)
        }
        return SixelEncoder.encode(width: width, height: height, palette: reducer.palette(histogram: histogram), rgb: UnsafeBufferPointer(rgb), bins: bins)
    }
}
