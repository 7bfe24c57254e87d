import Foundation

/// Runs CPU-heavy synchronous work (procedural rendering, PNG coding) on a thread of its own.
///
/// Swift's cooperative pool has one thread per core. A 1024×1024 render holding one of them for hundreds of
/// milliseconds stalls every other task in the process: a server's health checks, timeouts, cancellation,
/// the app's background effects. On a thread of its own the work competes for the CPU through the kernel's
/// scheduler instead, and the pool stays responsive.
public enum BlockingWork {
    /// Runs `work` on a new thread and returns its value.
    public static func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.name = "darkroom-work"
            thread.start()
        }
    }
}
