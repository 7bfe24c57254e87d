import Foundation
import Testing
import DarkroomCore

/// Each test states one rule of the job queue; times are fixed dates, so no clock is involved.
@Suite struct JobQueueTests {
    typealias Queue = JobQueue<String, String>
    let t0 = Date(timeIntervalSince1970: 1_000)
    var t1: Date { t0.addingTimeInterval(5) }
    var t2: Date { t0.addingTimeInterval(12) }

    @Test func aSubmittedJobStartsWhenASlotIsFree() {
        var queue = Queue(concurrency: 1)
        let (id, actions) = queue.submit("cat", now: t0)
        #expect(actions == [.start(id, "cat")])
        #expect(queue[id]?.state == .running(startedAt: t0))
    }

    @Test func jobsBeyondTheConcurrencyLimitWaitInOrder() {
        var queue = Queue(concurrency: 1)
        let first = queue.submit("a", now: t0).id
        let (second, waiting) = queue.submit("b", now: t0)
        let (third, _) = queue.submit("c", now: t0)
        #expect(waiting.isEmpty)
        #expect(queue.queuedCount == 2)
        #expect(queue.finish(first, output: "key-a", now: t1) == [.start(second, "b")])
        #expect(queue[third]?.state == .queued)
    }

    @Test func finishingRecordsTheOutputAndDuration() {
        var queue = Queue()
        let id = queue.submit("a", now: t0).id
        _ = queue.finish(id, output: "key", now: t2)
        #expect(queue[id]?.output == "key")
        #expect(queue[id]?.elapsed(now: t2.addingTimeInterval(100)) == 12)
    }

    @Test func aRunningJobReportsElapsedTimeUpToNow() {
        var queue = Queue()
        let id = queue.submit("a", now: t0).id
        #expect(queue[id]?.elapsed(now: t1) == 5)
    }

    @Test func failingKeepsTheFullMessageAndFreesTheSlot() {
        var queue = Queue(concurrency: 1)
        let first = queue.submit("a", now: t0).id
        let second = queue.submit("b", now: t0).id
        let actions = queue.fail(first, message: "Bedrock throttled the request; wait a minute and retry.", now: t1)
        #expect(actions == [.start(second, "b")])
        #expect(queue[first]?.state == .failed(message: "Bedrock throttled the request; wait a minute and retry.", finishedAt: t1))
    }

    @Test func cancellingARunningJobAsksTheOwnerToStopIt() {
        var queue = Queue(concurrency: 1)
        let first = queue.submit("a", now: t0).id
        let second = queue.submit("b", now: t0).id
        #expect(queue.cancel(first, now: t1) == [.cancel(first), .start(second, "b")])
        #expect(queue[first]?.state == .cancelled(at: t1))
    }

    @Test func cancellingAQueuedJobNeedsNoAction() {
        var queue = Queue(concurrency: 1)
        _ = queue.submit("a", now: t0)
        let second = queue.submit("b", now: t0).id
        #expect(queue.cancel(second, now: t1).isEmpty)
        #expect(queue[second]?.state == .cancelled(at: t1))
    }

    @Test func aResultArrivingAfterCancellationIsDropped() {
        var queue = Queue()
        let id = queue.submit("a", now: t0).id
        _ = queue.cancel(id, now: t1)
        #expect(queue.finish(id, output: "late", now: t2).isEmpty)
        #expect(queue[id]?.state == .cancelled(at: t1))
    }

    @Test func retryingAFailedJobQueuesItAgainAndCountsTheRetry() {
        var queue = Queue()
        let id = queue.submit("a", now: t0).id
        _ = queue.fail(id, message: "boom", now: t1)
        #expect(queue.retry(id, now: t2) == [.start(id, "a")])
        #expect(queue[id]?.retries == 1)
        #expect(queue[id]?.state == .running(startedAt: t2))
    }

    @Test func savedJobsCannotBeRetriedOrCancelled() {
        var queue = Queue()
        let id = queue.submit("a", now: t0).id
        _ = queue.finish(id, output: "key", now: t1)
        #expect(queue.retry(id, now: t2).isEmpty)
        #expect(queue.cancel(id, now: t2).isEmpty)
        #expect(queue[id]?.output == "key")
    }

    @Test func automaticRetriesAreCountedWithTheirReason() {
        var queue = Queue()
        let id = queue.submit("a", now: t0).id
        queue.recordRetry(id, reason: "throttled")
        queue.recordRetry(id, reason: "timeout")
        #expect(queue[id]?.retries == 2)
        #expect(queue[id]?.lastRetryReason == "timeout")
    }

    @Test func restoredUnfinishedJobsBecomeFailedAndIDsContinue() throws {
        var queue = Queue(concurrency: 1)
        let done = queue.submit("a", now: t0).id
        _ = queue.finish(done, output: "key", now: t1)
        let interrupted = queue.submit("b", now: t1).id
        let data = try JSONEncoder().encode(queue.jobs)
        let saved = try JSONDecoder().decode([Queue.Entry].self, from: data)
        var restored = Queue(restoring: saved, now: t2)
        #expect(restored[done]?.output == "key")
        guard case .failed(let message, _) = restored[interrupted]?.state else {
            Issue.record("an interrupted job should be failed")
            return
        }
        #expect(message.contains("retry"))
        #expect(restored.submit("c", now: t2).id == JobID(rawValue: 3))
    }

    /// A job running when the last session ended may have been finished by its backend: its start is kept, and a
    /// result found later is recorded once, unless the user has retried the job meanwhile.
    @Test func aJobInterruptedWhileRunningCanBeRecoveredOnceUntilItIsRetried() throws {
        var queue = Queue(concurrency: 2)
        let running = queue.submit("a", now: t0).id
        let retried = queue.submit("b", now: t0).id
        let waiting = queue.submit("c", now: t1).id
        var restored = Queue(restoring: queue.jobs, now: t2)
        #expect(restored.interruptedWhileRunning == [running: t0, retried: t0], "a queued job never started")
        guard case .failed(let message, _) = restored[waiting]?.state else {
            Issue.record("an interrupted job should be failed")
            return
        }
        #expect(message.contains("before the job started"))

        _ = restored.retry(retried, now: t2)
        let afterRetry = restored.recover(retried, output: "late", finishedAt: t1)
        #expect(!afterRetry, "the retry's own run stands")
        #expect(restored[retried]?.state == .running(startedAt: t2))
        let neverStarted = restored.recover(waiting, output: "late", finishedAt: t1)
        #expect(!neverStarted)
        let recovered = restored.recover(running, output: "key", finishedAt: t1)
        #expect(recovered)
        #expect(restored[running]?.state == .saved("key", startedAt: t0, finishedAt: t1))
        let twice = restored.recover(running, output: "other", finishedAt: t2)
        #expect(!twice, "recorded once")
        #expect(restored.interruptedWhileRunning.isEmpty)
    }

    @Test func trimmingKeepsTheNewestFinishedAndAllUnfinishedJobs() {
        var queue = Queue(concurrency: 1)
        let ids = (0..<4).map { queue.submit("job \($0)", now: t0).id }
        _ = queue.finish(ids[0], output: "k0", now: t1)
        _ = queue.finish(ids[1], output: "k1", now: t1)
        queue.trimFinished(keeping: 1)
        #expect(queue.jobs.map(\.id) == [ids[1], ids[2], ids[3]])
    }
}
