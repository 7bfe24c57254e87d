import Foundation

/// Runs a test's blocking part (a pseudo-terminal, a real terminal, screenshots, sleeps) on a thread of its own,
/// so its long waits never hold one of the cooperative pool's few threads (one per core) that every other suite's
/// tasks need. Several such tests at once used to leave no pool thread for anything else on two cores, and
/// unrelated tests then ran out their deadlines.
///
/// The work stays in the test's task (a task executor preference, not a detached thread), so `#expect` and
/// `#require` inside it are recorded against the test as usual.
public enum OffThePool {
    public static func run<Value>(_ work: () throws -> Value) async throws -> Value {
        try await withTaskExecutorPreference(ThreadPerJobExecutor.shared) { try work() }
    }
}

/// A task executor that runs each job on a new thread: for tests' blocking work only, where a thread per job is
/// cheap next to the waits it does.
final class ThreadPerJobExecutor: TaskExecutor {
    static let shared = ThreadPerJobExecutor()

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        Thread { job.runSynchronously(on: executor) }.start()
    }
}
