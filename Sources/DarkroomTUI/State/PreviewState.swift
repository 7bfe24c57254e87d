/// What the preview panel shows beyond the gallery's selection.
public struct PreviewState: Sendable {
    public var isFullScreen = false
    /// The large rendering of one image at one size.
    public var picture: (key: String, columns: Int, rows: Int, picture: CellPicture)?
    public var requested: (key: String, columns: Int, rows: Int)?
    /// Why the requested image could not be shown (a damaged or oversized PNG, a failed download): said where the
    /// picture would be, which otherwise read "loading…" for good once the status line had moved on.
    public var failure: (key: String, reason: String)?

    public init() {}
}
