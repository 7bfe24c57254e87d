/// The local stack's namespace: the address it binds to unless told otherwise.
public enum LocalStackInfo {
    /// Loopback only: the local stack never listens on another interface unless asked.
    public static let defaultHost = "127.0.0.1"
}
