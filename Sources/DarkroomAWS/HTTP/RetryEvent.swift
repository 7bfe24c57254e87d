/// One retry about to happen, reported to the caller (the app shows it in the job panel).
public struct RetryEvent: Sendable, Equatable, CustomStringConvertible {
    /// The attempt that just failed (1-based).
    public var attempt: Int
    public var maxAttempts: Int
    /// Why it failed, in words (`HTTP 503 SlowDown`, `connection lost`…).
    public var reason: String
    /// How long the client waits before the next attempt.
    public var delay: Duration

    public var description: String {
        "attempt \(attempt) of \(maxAttempts) failed (\(reason)); retrying in \(delay)"
    }
}
