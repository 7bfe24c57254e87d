/// A window drawn over the panels.
public enum Overlay: Hashable, Sendable {
    case help
    case confirmQuit(runningJobs: Int)
}
