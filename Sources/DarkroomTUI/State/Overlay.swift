/// A window drawn over the panels.
public enum Overlay: Hashable, Sendable {
    /// The key help, at one of its pages (a small terminal needs more than one).
    case help(page: Int)
    /// "Quit anyway?" while jobs run; the count is read from the jobs when drawn, so it follows them.
    case confirmQuit
}
