import DarkroomBackend
import DarkroomCore

/// What can happen to sweeps: the editor's keys, grid navigation, and background results.
public enum SweepAction: Sendable {
    case openEditor
    case closeEditor
    case editorLine(delta: Int)
    case editorEdit(TextEditor.Command)
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
    case cancelCell, retryCell
    case tileLoaded(tileKey: String, CellPicture)
    case tileFailed(tileKey: String)
    case recordsWritten(manifestKey: String, location: String)
    case recordsFailed(String)
}

/// Work sweeps need done in the background.
public enum SweepEffect: Equatable, Sendable {
    /// Write (or rewrite) the manifest to `output-sweeps/`.
    case writeManifest(SweepManifest)
    /// Render the contact sheet and store it beside the manifest.
    case writeSheet(SweepManifest)
    /// Render one cell's image at a size for the grid.
    case loadTile(key: String, tileKey: String, columns: Int, rows: Int)
}
