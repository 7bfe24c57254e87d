import DarkroomTerminal

/// What an encoded picture depends on: the image (key and ETag), the box, the kitty id, the cell size, the
/// budget and, inside tmux, where the picture positions itself. Equal keys give equal bytes.
public struct PixelKey: Hashable, Sendable {
    public var key: String
    public var etag: String
    public var role: WantedImage.Role
    public var columns: Int
    public var rows: Int
    public var imageID: UInt32
    public var budget: Int
    public var cellPixels: PixelSize
    /// The box's top-left cell in the whole terminal, only when the bytes position themselves (tmux).
    public var originColumn: Int?
    public var originRow: Int?
}

/// A picture encoded for one box: the bytes, and the cells it covers relative to the box's top-left corner
/// (centred in the box, as the block picture is).
public struct PlacedPixels: Sendable, Equatable {
    public var bytes: [UInt8]
    public var offset: (x: Int, y: Int) {
        get { (offsetX, offsetY) }
        set { (offsetX, offsetY) = (newValue.x, newValue.y) }
    }
    public var columns: Int
    public var rows: Int
    private var offsetX: Int
    private var offsetY: Int

    public init(bytes: [UInt8], offset: (x: Int, y: Int), columns: Int, rows: Int) {
        self.bytes = bytes
        offsetX = offset.x
        offsetY = offset.y
        self.columns = columns
        self.rows = rows
    }
}

/// One encoding the scheduler asks for.
public struct PixelRequest: Sendable, Equatable {
    public var pixelKey: PixelKey
    public var wanted: WantedImage
}

/// An encoding's outcome: the picture, or why there is none (too many bytes even scaled down, an unreadable
/// image); a failed picture stays in blocks and is not asked for again.
public struct PixelResult: Sendable {
    public var pixelKey: PixelKey
    public var outcome: Result<PlacedPixels, PixelFailure>

    public init(pixelKey: PixelKey, outcome: Result<PlacedPixels, PixelFailure>) {
        self.pixelKey = pixelKey
        self.outcome = outcome
    }
}

public struct PixelFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
