import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Synchronous work on at most `width` POSIX threads, started as work arrives and ended after `idleExit` without
/// any: a burst of calls queues here instead of starting a thread each, and never holds Swift's cooperative pool.
///
/// `compute` is the process's pool for CPU-heavy work (PNG decoding and encoding, thumbnails, procedural renders),
/// one thread per processor. A pool of one thread is a serial queue, for work that is serialized anyway (the
/// gallery's catalog, one SQLite connection behind a lock).
///
/// Work still waiting when its task is cancelled is dropped and the caller gets `CancellationError`; work already
/// running finishes (it cannot be interrupted safely) and its result is returned.
public final class ThreadPool: Sendable {
    /// The process's pool for CPU-heavy work, as wide as the processors the process may run on.
    public static let compute = ThreadPool(threads: ThreadPool.activeProcessorCount)

    /// How many threads run work at once.
    public let width: Int
    /// How long a thread waits for work before it ends.
    public let idleExit: Duration
    private let state = Mutex(State())
    /// Counts queued jobs; a worker takes one count per job it looks for.
    private let available = Semaphore()

    private struct State {
        var queue: [Job] = []
        var threads = 0
        var nextID = 0
    }

    private struct Job: @unchecked Sendable {
        let id: Int
        let body: @Sendable () -> Void
    }

    public init(threads: Int, idleExit: Duration = .seconds(10)) {
        width = max(1, threads)
        self.idleExit = idleExit
    }

    /// Processors online (sysconf), at least 1.
    public static var activeProcessorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Threads running now (at most `width`).
    public var threadCount: Int { state.withLock { $0.threads } }

    /// Runs `work` on one of the pool's threads and returns its value; throws `CancellationError` when the task
    /// is cancelled before the work starts (the work is then dropped from the queue).
    public func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async throws(CancellationError) -> Value {
        let waiter = Waiter<Value>()
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiter.wait(with: continuation)
                let id = enqueue {
                    guard let continuation = waiter.claim() else { return }
                    continuation.resume(returning: .success(work()))
                }
                waiter.queued(as: id)
                if Task.isCancelled { cancel(waiter) }
            }
        } onCancel: {
            cancel(waiter)
        }
        return try outcome.get()
    }

    /// Runs `work` on the pool and returns its value, ignoring cancellation (for callers that must have it).
    public func runToCompletion<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            _ = enqueue { continuation.resume(returning: work()) }
        }
    }

    private func cancel<Value>(_ waiter: Waiter<Value>) {
        guard let id = waiter.id, drop(id), let continuation = waiter.claim() else { return }
        continuation.resume(returning: .failure(CancellationError()))
    }

    /// One caller's continuation, resumed once: by the worker that runs the job or by the cancellation that drops it.
    private final class Waiter<Value: Sendable>: Sendable {
        private let state = Mutex<(continuation: CheckedContinuation<Result<Value, CancellationError>, Never>?, id: Int?)>((nil, nil))

        func wait(with continuation: CheckedContinuation<Result<Value, CancellationError>, Never>) {
            state.withLock { $0.continuation = continuation }
        }

        func queued(as id: Int) {
            state.withLock { $0.id = id }
        }

        var id: Int? { state.withLock { $0.id } }

        func claim() -> CheckedContinuation<Result<Value, CancellationError>, Never>? {
            state.withLock { state in
                defer { state.continuation = nil }
                return state.continuation
            }
        }
    }

    /// Queues a job, starting a worker when fewer than `width` run; the job's id.
    private func enqueue(_ body: @escaping @Sendable () -> Void) -> Int {
        let (id, startWorker) = state.withLock { state -> (Int, Bool) in
            state.nextID += 1
            state.queue.append(Job(id: state.nextID, body: body))
            let start = state.threads < width
            if start { state.threads += 1 }
            return (state.nextID, start)
        }
        if startWorker { startThread() }
        available.signal()
        return id
    }

    /// Removes a job that has not started; whether it was still waiting.
    private func drop(_ id: Int) -> Bool {
        state.withLock { state in
            guard let index = state.queue.firstIndex(where: { $0.id == id }) else { return false }
            state.queue.remove(at: index)
            return true
        }
    }

    private func work() {
        while true {
            if available.wait(timeout: idleExit) {
                let job = state.withLock { state -> Job? in state.queue.isEmpty ? nil : state.queue.removeFirst() }
                job?.body()
                continue
            }
            // Idle: this thread ends, unless a job was queued since the wait gave up (its count is then still in
            // the semaphore, and `enqueue` started no thread for it because this one was counted).
            let ends = state.withLock { state -> Bool in
                guard state.queue.isEmpty else { return false }
                state.threads -= 1
                return true
            }
            if ends { return }
        }
    }

    private func startThread() {
        if !DetachedThread.start({ self.work() }) {
            state.withLock { $0.threads -= 1 }
        }
    }
}
