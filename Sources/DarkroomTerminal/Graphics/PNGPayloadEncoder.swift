import DarkroomImaging

/// A protocol whose payload is a PNG file (kitty's `f=100`, iTerm2's inline file): a picture is encoded as PNG
/// first, and a PNG made elsewhere (the renderer's pipelined transcode) is wrapped as it is.
public protocol PNGPayloadEncoder: GraphicsEncoder {
    /// The bytes that draw the image already in PNG form over `placement`'s cells.
    func encode(png: [UInt8], placement: ImagePlacement) -> [UInt8]
}

extension PNGPayloadEncoder {
    public func encode(_ image: RGBAImage, placement: ImagePlacement) throws(GraphicsError) -> [UInt8] {
        let png: [UInt8]
        do { png = try PNG.encode(image) } catch { throw .png(error) }
        return encode(png: png, placement: placement)
    }
}
