import DarkroomTestSupport
import Synchronization
import Testing
import DarkroomThreads

#if canImport(Glibc)
import Glibc
#endif

/// The fixed pools work runs on instead of a thread a call: the width is never exceeded, a pool of one is a serial
/// queue on one thread, and waiting work is dropped when its task is cancelled.
@Suite struct ThreadPoolTests {
    /// For the tests not about idle threads ending: on a loaded machine a gap between jobs can pass 10 s.
    static let never = Duration.seconds(3_600)

    @Test func aPoolRunsAtMostItsWidthAtOnceOnThatManyThreads() async throws {
        let pool = ThreadPool(threads: 2, idleExit: Self.never)
        let tally = ConcurrencyTally()
        // The pool's own count, read from inside each job: after the jobs, a loaded machine may already have let
        // the idle threads end (a whole CI run once took 59 s over these 24 jobs).
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<24 {
                group.addTask {
                    await pool.runToCompletion {
                        tally.measure { usleep(3_000) }
                        return pool.threadCount
                    }
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(tally.runs == 24)
        // How much the two threads overlapped is the scheduler's business, but never more than two.
        #expect(counts.allSatisfy { (1...2).contains($0) }, "\(counts)")
        #expect(tally.mostAtOnce <= 2)
        #expect(tally.threads <= 2)
    }

    @Test func aPoolOfOneIsASerialQueueOnOneThread() async throws {
        let pool = ThreadPool(threads: 1, idleExit: Self.never)
        let tally = ConcurrencyTally()
        let order = Mutex<[Int]>([])
        // Queued one after another from one task: they run in that order.
        for index in 0..<10 { try await pool.run { order.withLock { $0.append(index) } } }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<16 { group.addTask { await pool.runToCompletion { tally.measure { usleep(1_000) } } } }
        }
        #expect(order.withLock { $0 } == Array(0..<10))
        #expect(tally.mostAtOnce == 1)
        #expect(tally.threads == 1)
    }

    @Test func workStillWaitingWhenItsTaskIsCancelledIsDropped() async throws {
        let pool = ThreadPool(threads: 1)
        let release = Semaphore()
        let started = Semaphore()
        let ran = Atomic<Bool>(false)
        // The pool's one thread is held, so the next job waits in the queue.
        let holding = Task { await pool.runToCompletion { started.signal(); release.wait() } }
        await BlockingWork.run { started.wait() }
        let waiting = Task { try await pool.run { ran.store(true, ordering: .relaxed) } }
        try await Task.sleep(for: .milliseconds(20))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        release.signal()
        await holding.value
        // The thread is free again and the dropped job never ran.
        try await pool.run {}
        let droppedJobRan = ran.load(ordering: .relaxed)
        #expect(!droppedJobRan)
    }

    /// A thread without work for `idleExit` ends (an idle app keeps no parked threads); the next job starts another.
    @Test func anIdleThreadEndsAndTheNextJobStartsAnother() async throws {
        let pool = ThreadPool(threads: 1, idleExit: .milliseconds(50))
        // Counted from inside the job: its thread is running then, whatever the scheduler does after.
        #expect(try await pool.run { pool.threadCount } == 1)
        let deadline = ContinuousClock.now + .seconds(120)
        while pool.threadCount > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(pool.threadCount == 0)
        #expect(try await pool.run { pool.threadCount } == 1)
    }
}
