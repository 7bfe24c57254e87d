/// What one frame does to the images on screen, written together with the frame's text inside synchronized
/// output (`CSI ? 2026 h … l`) so the terminal shows text and pictures change at once.
public struct GraphicsFrame: Sendable, Equatable {
    /// Bytes that take images off the screen (kitty's deletes by id), written before the text.
    public var erase: [UInt8] = []
    /// Screen rows whose cells must be written again even where curses thinks they are unchanged: a sixel or
    /// iTerm2 picture (and kitty's placeholders) live in the cells, and only text written over them removes them.
    public var repaintRows: [Int] = []
    /// Bytes that draw pictures, each wrapped in save-cursor / move / restore-cursor, written after the text.
    public var draw: [UInt8] = []

    public init(erase: [UInt8] = [], repaintRows: [Int] = [], draw: [UInt8] = []) {
        self.erase = erase
        self.repaintRows = repaintRows
        self.draw = draw
    }

    /// A text-only frame: nothing to erase, repaint or draw.
    public var isEmpty: Bool { erase.isEmpty && repaintRows.isEmpty && draw.isEmpty }

    /// Begin and end synchronized output (terminals without mode 2026 ignore both).
    static let beginSynchronized = Array("\u{1B}[?2026h".utf8)
    static let endSynchronized = Array("\u{1B}[?2026l".utf8)
}
