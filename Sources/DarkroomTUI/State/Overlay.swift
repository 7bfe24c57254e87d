/// A window drawn over the panels.
public enum Overlay: Hashable, Sendable {
    /// The key help, at one of its pages (a small terminal needs more than one).
    case help(page: Int)
    /// "Quit anyway?" while jobs run; the count is read from the jobs when drawn, so it follows them.
    case confirmQuit
    /// What went wrong as the app started (config lines not understood, a damaged file set aside), each in full:
    /// the status line holds one short note, and these must not be cut off or lost behind one another.
    case notices([String])
}
