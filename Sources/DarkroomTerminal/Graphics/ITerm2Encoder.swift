/// iTerm2's inline images: `OSC 1337 ; File=inline=1;size=N;width=Nc;height=Nr;preserveAspectRatio=1 : base64 BEL`,
/// the file a PNG. (Unverified in a real iTerm2 here: it runs on macOS only; the byte stream is tested.)
public struct ITerm2Encoder: PNGPayloadEncoder {
    public var graphicsProtocol: GraphicsProtocol { .iterm2 }
    public var tmux: Bool

    public init(tmux: Bool = false) {
        self.tmux = tmux
    }

    public func encode(png: [UInt8], placement: ImagePlacement) -> [UInt8] {
        var bytes = Array(("\u{1B}]1337;File=inline=1;size=\(png.count);width=\(placement.columns);height=\(placement.rows);"
            + "preserveAspectRatio=1:").utf8)
        bytes += Base64.encode(png)
        bytes.append(0x07)
        guard tmux else { return bytes }
        return TmuxPassthrough.positioned(bytes, at: placement.origin)
    }

    /// iTerm2 images live in the cells: overwriting them removes the image.
    public func erase(_ placement: ImagePlacement) -> [UInt8] { [] }
}
