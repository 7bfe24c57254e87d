import DarkroomBackend

/// A picture the screen should show in pixels: which image, in which box of cells, under which kitty id.
public struct WantedImage: Hashable, Sendable {
    public enum Role: Hashable, Sendable {
        /// The preview panel or the full-screen preview: the whole image.
        case preview
        /// A gallery tile: the thumbnail.
        case tile
        /// A cell of the sweep grid in the preview: the thumbnail, under its own kitty id (the same image may be
        /// a gallery tile on screen at once, and one id cannot be placed twice at different sizes).
        case sweepCell
    }

    public var key: String
    public var etag: String
    public var role: Role
    /// The box the picture is fitted into (centred, aspect kept), in screen cells.
    public var box: Rect
    /// The kitty image id: one per image key and role (preview, tile, sweep cell), so a tile that scrolls keeps its
    /// bytes and a picture the terminal still holds can be placed again by id.
    public var imageID: UInt32
    /// The most bytes this picture may take on the wire.
    public var budget: Int

    public init(key: String, etag: String, role: Role, box: Rect, imageID: UInt32, budget: Int) {
        self.key = key
        self.etag = etag
        self.role = role
        self.box = box
        self.imageID = imageID
        self.budget = budget
    }

    init(object: StoredObject, role: Role, box: Rect, budget: Int) {
        let imageID = switch role {
        case .preview: Self.previewImageID(for: object.key)
        case .tile: Self.tileImageID(for: object.key)
        case .sweepCell: Self.sweepCellImageID(for: object.key)
        }
        self.init(key: object.key, etag: object.etag, role: role, box: box, imageID: imageID, budget: budget)
    }

    /// A stable id per image key for the preview: each image keeps its own, so the terminal can hold several
    /// previews and show one again without it being sent again (`PixelScheduler`).
    public static func previewImageID(for key: String) -> UInt32 {
        tileImageID(for: "preview:" + key)
    }

    /// A stable id per image key: FNV-1a folded into 256...16,777,215, ids kitty's placeholders carry as a 24-bit
    /// colour (`darkroom show` draws its random ids from the same range).
    static func tileImageID(for key: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in key.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return 0x100 + (hash ^ (hash >> 24)) % 0xFF_FE00
    }

    /// A stable id per image key for sweep cells, from the same hash over another name than the tile's.
    static func sweepCellImageID(for key: String) -> UInt32 {
        tileImageID(for: "sweep-cell:" + key)
    }
}
