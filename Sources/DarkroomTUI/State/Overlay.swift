/// A window drawn over the panels.
public enum Overlay: Hashable, Sendable {
    /// The key help, at one of its pages (a small terminal needs more than one).
    case help(page: Int)
    case confirmQuit(runningJobs: Int)
}
