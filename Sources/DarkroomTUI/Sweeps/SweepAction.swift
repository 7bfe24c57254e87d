import DarkroomBackend
import DarkroomCore
import DarkroomSweeps

/// What can happen to sweeps: the editor's keys, grid navigation, and background results.
public enum SweepAction: Sendable {
    case openEditor
    case closeEditor
    case editorLine(delta: Int)
    case editorEdit(TextEditor.Command)
    /// Pasted text: one line goes in at the cursor, more lines fill this axis and the ones below it.
    case editorPaste(String)
    /// Check the editor's axes and start the sweep (or ask first when it costs and is large).
    case runEditor
    case confirm, decline
    /// Show a sweep's grid in the preview.
    case showGrid(group: Int)
    case closeGrid
    case moveCell(dx: Int, dy: Int)
    case nextPage(delta: Int)
    /// Open the grid's current cell as a normal image.
    case openCell
    /// Back from a cell's image to the grid it was opened from.
    case returnToGrid
    case cancelCell, retryCell
    /// A cell's picture, and its image (key and ETag) as the bucket describes it: the grid's pixels read the same
    /// bytes through the ETag cache.
    case tileLoaded(tileKey: String, CellPicture, image: StoredObject)
    /// A cell's picture could not be made; `missing` when its image is gone from the bucket.
    case tileFailed(tileKey: String, imageKey: String, missing: Bool)
    /// Past sweeps read back from `output-sweeps/`, and why any manifest was skipped; `complete` when every
    /// place could be listed.
    case pastSweepsLoaded([SweepLibrary.Found], problems: [SweepRecordError], complete: Bool)
    case recordsWritten(manifestKey: String, location: String)
    case recordsFailed(String)
}

/// Work sweeps need done in the background.
public enum SweepEffect: Equatable, Sendable {
    /// Write (or rewrite) the manifest to `output-sweeps/`.
    case writeManifest(SweepManifest)
    /// Render the contact sheet and store it beside the manifest.
    case writeSheet(SweepManifest)
    /// Render one cell's image at a size for the grid; `listed` is the image as the gallery's listing has it (its
    /// ETag), nil when the listing does not hold it yet and the bucket is asked.
    case loadTile(key: String, tileKey: String, columns: Int, rows: Int, listed: StoredObject?)
    /// List and read back the manifests of past sweeps (the bucket's, and the local data folder's).
    case listPastSweeps
}
