/// Runs work that blocks for long (waiting on a subprocess, a UI loop in tests) on a thread of its own. CPU-heavy
/// work goes to `ThreadPool.compute` (one thread per processor), a gallery catalog's calls to its one thread,
/// and network transfers to the HTTP client's one libcurl multi handle; this is for the rest.
///
/// Swift's cooperative pool has one thread per core. Work holding one of them for hundreds of milliseconds
/// (or a 300 s Bedrock call, or a Runtime API long poll) stalls every other task in the process: a server's
/// health checks, timeouts, cancellation, the app's background effects. Dispatch's pools are no better: on
/// Linux they add threads only gradually while others block. A thread of its own starts at once and competes
/// for the CPU through the kernel's scheduler. POSIX threads rather than Foundation's `Thread`, so the
/// modules the Lambda is built from need only FoundationEssentials.
public enum BlockingWork {
    /// Runs `work` on a new thread and returns its value.
    public static func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            start { continuation.resume(returning: work()) }
        }
    }

    /// Starts a detached thread running `body` and returns at once; if the system refuses another thread, runs it
    /// here. For work the UI loop starts and whose result it is waiting for (a search as the user types): one
    /// hand-off to the thread, where `run` from a task adds the task's own hops through the cooperative pool.
    public static func start(_ body: @escaping @Sendable () -> Void) {
        if !DetachedThread.start(body) { body() }
    }
}
