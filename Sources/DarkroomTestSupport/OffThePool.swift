import DarkroomThreads

/// Runs a test's blocking part (a pseudo-terminal, a real terminal, screenshots, sleeps) on a thread of its own,
/// so its long waits never hold one of the cooperative pool's few threads that other suites' tasks need.
///
/// `#expect` inside `work` is not attributed to the test (the thread is outside the test's task): return what
/// was seen and check it after.
public enum OffThePool {
    public static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await BlockingWork.run { Result { try work() } }.get()
    }
}
