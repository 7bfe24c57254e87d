/// What the preview panel shows beyond the gallery's selection.
public struct PreviewState: Sendable {
    public var isFullScreen = false
    /// The large rendering of one image at one size.
    public var picture: (key: String, columns: Int, rows: Int, picture: CellPicture)?
    public var requested: (key: String, columns: Int, rows: Int)?

    public init() {}
}
