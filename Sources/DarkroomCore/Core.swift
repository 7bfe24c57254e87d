/// The generation core's namespace.
public enum DarkroomCoreInfo {
    /// The name of the program.
    public static let programName = "darkroom"
}
