import CNcurses

/// The terminal app's namespace.
public enum TUI {
    /// The ncurses version linked into the process.
    public static var ncursesVersion: String { String(cString: curses_version()) }
}
