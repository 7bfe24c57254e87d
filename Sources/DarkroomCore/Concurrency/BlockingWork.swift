import Dispatch

/// Runs CPU-heavy synchronous work (procedural rendering, PNG coding) on a thread of its own.
///
/// Swift's cooperative pool has one thread per core. A 1024×1024 render holding one of them for hundreds of
/// milliseconds stalls every other task in the process: a server's health checks, timeouts, cancellation,
/// the app's background effects. On a thread of its own the work competes for the CPU through the kernel's
/// scheduler instead, and the pool stays responsive.
public enum BlockingWork {
    /// Runs `work` on a thread outside the cooperative pool and returns its value. A queue of its own runs on
    /// Dispatch's overcommitting pool, which starts another thread whenever all of its threads are busy.
    public static func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            DispatchQueue(label: "darkroom-work").async { continuation.resume(returning: work()) }
        }
    }
}
