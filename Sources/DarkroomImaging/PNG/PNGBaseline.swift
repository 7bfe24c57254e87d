import CPNG

/// libpng on its own, with no Swift types in the way: the baseline the imaging benchmark holds
/// `PNG.decode` and the thumbnail pipeline against. Nothing in the app uses it.
public enum PNGBaseline {
    /// Decodes `bytes` into a plain C buffer (RGBA8, or RGB8 for opaque images with `allowRGB`) and throws
    /// the pixels away; returns the decoded byte count, 0 when libpng refused the file.
    @discardableResult
    public static func decode(_ bytes: [UInt8], allowRGB: Bool = false) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let decoder = cpng_decoder_create(base, buffer.count) else { return 0 }
            defer { cpng_decoder_destroy(decoder) }
            guard cpng_decoder_read_header(decoder, allowRGB ? 1 : 0) == CPNG_OK else { return 0 }
            let count = Int(cpng_decoder_width(decoder)) * Int(cpng_decoder_height(decoder)) * Int(cpng_decoder_channels(decoder))
            let pixels = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
            defer { pixels.deallocate() }
            return cpng_decoder_read_image(decoder, pixels) == CPNG_OK ? count : 0
        }
    }
}
