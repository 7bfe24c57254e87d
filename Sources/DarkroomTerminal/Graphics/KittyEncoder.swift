/// The kitty graphics protocol: the image as PNG (`f=100`), base64 in chunks of at most 4096 bytes, each
/// but the last with `m=1`; transmitted and displayed at once (`a=T`) under a fixed id over `c`x`r` cells,
/// the cursor left where it was (`C=1`), all replies suppressed (`q=2`). An image may stay in the terminal once it
/// leaves the screen (`hide`) and be placed again by id (`place`).
public struct KittyEncoder: PNGPayloadEncoder {
    public var graphicsProtocol: GraphicsProtocol { .kitty }
    public var fillsCells: Bool { true }
    /// Place with Unicode placeholders (`U=1`): the image is uploaded as a virtual placement and shown by
    /// placeholder characters written as text (see `KittyPlaceholders`).
    public var placeholders: Bool
    /// Wrap for tmux passthrough.
    public var tmux: Bool
    public static let chunkSize = 4096

    public init(placeholders: Bool = false, tmux: Bool = false) {
        self.placeholders = placeholders
        self.tmux = tmux
    }

    /// The upload for an image already in PNG form.
    public func encode(png: [UInt8], placement: ImagePlacement) -> [UInt8] {
        let payload = Base64.encode(png)
        let keys = "a=T,f=100,i=\(placement.imageID),c=\(placement.columns),r=\(placement.rows),"
            + (placeholders ? "U=1," : "C=1,") + "q=2"
        var output: [UInt8] = []
        output.reserveCapacity(payload.count + payload.count / Self.chunkSize * 24 + 64)
        if tmux, !placeholders, let origin = placement.origin { output += TmuxPassthrough.saveAndMove(column: origin.column, row: origin.row) }
        var start = 0
        repeat {
            let end = min(start + Self.chunkSize, payload.count)
            let more = end < payload.count
            var chunk: [UInt8] = [0x1B, UInt8(ascii: "_"), UInt8(ascii: "G")]
            chunk += Array((start == 0 ? "\(keys),m=\(more ? 1 : 0)" : "m=\(more ? 1 : 0),q=2").utf8)
            chunk.append(UInt8(ascii: ";"))
            chunk += payload[start..<end]
            chunk += [0x1B, UInt8(ascii: "\\")]
            // Each chunk is its own passthrough sequence, so none comes near tmux's input limit.
            output += tmux ? TmuxPassthrough.wrap(chunk) : chunk
            start = end
        } while start < payload.count
        if placeholders {
            return output + KittyPlaceholders.text(imageID: placement.imageID, columns: placement.columns, rows: placement.rows,
                                                    origin: placement.origin)
        }
        if tmux, placement.origin != nil { output += TmuxPassthrough.wrap(TmuxPassthrough.restoreCursor) }
        return output
    }

    /// Whether an image can stay in the terminal after it leaves the screen and be placed again by id (`a=p`)
    /// instead of sent again: plain placements at the cursor. Placeholders and tmux passthrough place otherwise.
    public var keepsImagesByID: Bool { !placeholders && !tmux }

    /// Places an image the terminal still holds (`a=p`) over the placement's cells at the cursor: a few dozen
    /// bytes instead of the whole picture again.
    public func place(_ placement: ImagePlacement) -> [UInt8] {
        Array("\u{1B}_Ga=p,i=\(placement.imageID),c=\(placement.columns),r=\(placement.rows),C=1,q=2\u{1B}\\".utf8)
    }

    /// Takes the image off the screen but leaves its data in the terminal (`a=d,d=i`), for `place`.
    public func hide(_ placement: ImagePlacement) -> [UInt8] {
        Array("\u{1B}_Ga=d,d=i,i=\(placement.imageID),q=2\u{1B}\\".utf8)
    }

    /// Deletes the image and frees its data (`a=d,d=I`).
    public func erase(_ placement: ImagePlacement) -> [UInt8] {
        let bytes = Array("\u{1B}_Ga=d,d=I,i=\(placement.imageID),q=2\u{1B}\\".utf8)
        return tmux ? TmuxPassthrough.wrap(bytes) : bytes
    }
}
