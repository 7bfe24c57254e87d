import DarkroomImaging

/// Where and how big an image is drawn, in cells.
public struct ImagePlacement: Sendable, Hashable {
    /// Cells the image covers.
    public var columns: Int
    public var rows: Int
    /// The kitty image id: an upload under an id replaces what the terminal held under it.
    public var imageID: UInt32
    /// The top-left cell, 0-based, when the bytes must position themselves (inside tmux); nil draws at the cursor.
    public var origin: (column: Int, row: Int)? {
        get { originColumn.map { ($0, originRow ?? 0) } }
        set { originColumn = newValue?.column; originRow = newValue?.row }
    }
    private var originColumn: Int?
    private var originRow: Int?

    public init(columns: Int, rows: Int, imageID: UInt32 = 1, origin: (column: Int, row: Int)? = nil) {
        self.columns = columns
        self.rows = rows
        self.imageID = imageID
        self.origin = origin
    }
}

extension GraphicsEncoder {
    public var fillsCells: Bool { false }
}

/// Why an image could not be encoded.
public enum GraphicsError: Error, Equatable, CustomStringConvertible {
    case png(PNGError)
    /// The source PNG could not be read (`GraphicsRenderer.render(png:…)`).
    case decode(PNGError)
    /// Even scaled down, the image needs more bytes than allowed.
    case overBudget(bytes: Int, budget: Int)

    public var description: String {
        switch self {
        case .png(let error): "Cannot encode the image as PNG: \(error)"
        case .decode(let error): "\(error)"
        case .overBudget(let bytes, let budget):
            "The image needs \(bytes) bytes on the wire, over the \(budget)-byte budget even scaled down; use --graphics blocks or a smaller size."
        }
    }
}

/// Turns a picture already scaled to its pixel box into the bytes one protocol draws it with.
public protocol GraphicsEncoder: Sendable {
    var graphicsProtocol: GraphicsProtocol { get }
    /// Whether the terminal stretches the picture to fill the placement's cells exactly (kitty's `c`/`r`):
    /// then the renderer pads the picture with transparency to whole cells, so the aspect survives.
    var fillsCells: Bool { get }
    /// The bytes that draw `image` over `placement`'s cells (at the cursor, or at its origin when it has one).
    func encode(_ image: RGBAImage, placement: ImagePlacement) throws(GraphicsError) -> [UInt8]
    /// The bytes that take the image off the screen (empty where overwriting the cells is enough).
    func erase(_ placement: ImagePlacement) -> [UInt8]
}
