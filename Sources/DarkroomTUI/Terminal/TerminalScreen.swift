import DarkroomImaging
/// The terminal as the app's UI loop sees it: present a frame, read input, write pass-through sequences.
///
/// Only the UI thread uses a screen. `NcursesScreen` is the real terminal; `RecordingTerminal` records
/// frames for tests and benchmarks.
public protocol TerminalScreen: AnyObject {
    /// The size in cells.
    var size: (width: Int, height: Int) { get }
    /// The colours the terminal can show.
    var colorMode: ColorMode { get }
    /// Whether the locale can show non-ASCII characters (block thumbnails, box drawing).
    var isUnicode: Bool { get }
    /// Shows `frame`, writing only what changed since the last frame.
    func present(_ frame: CellBuffer)
    /// Shows `frame` with its pictures: `graphics.erase` before the text, the repainted rows written again,
    /// `graphics.draw` after, all inside synchronized output.
    func present(_ frame: CellBuffer, graphics: GraphicsFrame)
    /// The next input, waiting at most `timeoutMilliseconds` (0 polls).
    func nextInput(timeoutMilliseconds: Int) -> InputEvent?
    /// Writes bytes straight to the terminal after the frame (OSC 52 clipboard sequences).
    func writePassThrough(_ bytes: [UInt8])
    /// Hands the terminal to another program (an editor) until `resume`.
    func suspend()
    /// Takes the terminal back and repaints everything on the next frame.
    func resume()
    /// Readable while input waits (the terminal), or nil for a screen without one (a recording), whose input the
    /// loop reads with `nextInput(timeoutMilliseconds: 0)` until none is left.
    var inputDescriptor: Int32? { get }
    /// The terminal changed size (SIGWINCH): takes the new size and repaints everything on the next frame.
    func terminalResized() -> (width: Int, height: Int)
}

extension TerminalScreen {
    public var inputDescriptor: Int32? { nil }

    /// A screen without pictures of its own passes the graphics bytes through after the frame.
    public func present(_ frame: CellBuffer, graphics: GraphicsFrame) {
        present(frame)
        if !graphics.erase.isEmpty || !graphics.draw.isEmpty { writePassThrough(graphics.erase + graphics.draw) }
    }

    public func terminalResized() -> (width: Int, height: Int) { size }
}
