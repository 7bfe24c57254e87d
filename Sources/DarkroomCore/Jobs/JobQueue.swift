#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The job list as a side-effect-free state machine: at most `concurrency` jobs run at once, the rest wait in
/// submission order.
///
/// Mutating methods never start or stop anything themselves; they return the actions the owner must perform
/// (start this job's work, cancel that one's). Times come in as arguments, so tests need no clock.
public struct JobQueue<Request: Sendable & Hashable & Codable, Output: Sendable & Hashable & Codable>: Hashable, Codable, Sendable {
    public typealias Entry = Job<Request, Output>

    /// What the owner must do after a transition.
    public enum Action: Hashable, Sendable {
        /// Begin the work for a job (its state is already `running`).
        case start(JobID, Request)
        /// Stop the work of a job that was running (its state is already `cancelled`).
        case cancel(JobID)
    }

    /// Every job, oldest first.
    public private(set) var jobs: [Entry] = []
    /// Jobs that were running when the last session ended, with when they started. Only this process stopped
    /// waiting: the backend (a Lambda behind API Gateway) may have finished and stored the result, which
    /// `recover` then records in place of the failure.
    public private(set) var interruptedWhileRunning: [JobID: Date] = [:]
    /// How many jobs may run at once (at least 1).
    public private(set) var concurrency: Int
    private var nextID = 1

    public init(concurrency: Int = 2) {
        self.concurrency = max(1, concurrency)
    }

    /// A queue continuing a saved history. Jobs that were queued or running when the last session ended are
    /// marked failed, since their work did not survive the process.
    public init(restoring saved: [Entry], concurrency: Int = 2, now: Date) {
        self.concurrency = max(1, concurrency)
        jobs = saved.map { job in
            var job = job
            switch job.state {
            case .running(let startedAt):
                interruptedWhileRunning[job.id] = startedAt
                job.state = .failed(message: "Interrupted: darkroom quit while the job ran. Its backend may still have stored the image (a gallery refresh looks for it); retry it to run it again.", finishedAt: now)
            case .queued:
                job.state = .failed(message: "Interrupted: darkroom quit before the job started; retry it to run it.", finishedAt: now)
            case .saved, .failed, .cancelled:
                break
            }
            return job
        }
        nextID = (saved.map(\.id.rawValue).max() ?? 0) + 1
    }

    public subscript(id: JobID) -> Entry? {
        jobs.first { $0.id == id }
    }

    public var runningCount: Int { jobs.count { if case .running = $0.state { true } else { false } } }
    public var queuedCount: Int { jobs.count { $0.state == .queued } }

    /// Adds a job; it starts at once when a slot is free. Returns the new job's ID with the actions.
    public mutating func submit(_ request: Request, now: Date) -> (id: JobID, actions: [Action]) {
        let id = JobID(rawValue: nextID)
        nextID += 1
        jobs.append(Entry(id: id, request: request, submittedAt: now, state: .queued, retries: 0, lastRetryReason: nil))
        return (id, startWaitingJobs(now: now))
    }

    /// Records a job's result. A job cancelled meanwhile stays cancelled (its result is dropped).
    public mutating func finish(_ id: JobID, output: Output, now: Date) -> [Action] {
        guard let index = jobs.firstIndex(where: { $0.id == id }), case .running(let startedAt) = jobs[index].state else { return [] }
        jobs[index].state = .saved(output, startedAt: startedAt, finishedAt: now)
        return startWaitingJobs(now: now)
    }

    /// Records that a running job failed, with a message the user can act on.
    public mutating func fail(_ id: JobID, message: String, now: Date) -> [Action] {
        guard let index = jobs.firstIndex(where: { $0.id == id }), case .running = jobs[index].state else { return [] }
        jobs[index].state = .failed(message: message, finishedAt: now)
        return startWaitingJobs(now: now)
    }

    /// Records the result of a job interrupted while running (`interruptedWhileRunning`), found stored after all;
    /// whether it was recorded. A job retried since keeps its new run.
    public mutating func recover(_ id: JobID, output: Output, finishedAt: Date) -> Bool {
        guard let startedAt = interruptedWhileRunning[id], let index = jobs.firstIndex(where: { $0.id == id }),
              case .failed = jobs[index].state else { return false }
        jobs[index].state = .saved(output, startedAt: startedAt, finishedAt: max(startedAt, finishedAt))
        interruptedWhileRunning[id] = nil
        return true
    }

    /// Counts an automatic retry the client made while the job runs.
    public mutating func recordRetry(_ id: JobID, reason: String) {
        guard let index = jobs.firstIndex(where: { $0.id == id }), case .running = jobs[index].state else { return }
        jobs[index].retries += 1
        jobs[index].lastRetryReason = reason
    }

    /// Cancels a queued or running job; a running one's work must be stopped (`.cancel`).
    public mutating func cancel(_ id: JobID, now: Date) -> [Action] {
        guard let index = jobs.firstIndex(where: { $0.id == id }) else { return [] }
        switch jobs[index].state {
        case .queued:
            jobs[index].state = .cancelled(at: now)
            return []
        case .running:
            jobs[index].state = .cancelled(at: now)
            return [.cancel(id)] + startWaitingJobs(now: now)
        case .saved, .failed, .cancelled:
            return []
        }
    }

    /// Puts a failed or cancelled job back in the queue, counting a retry.
    public mutating func retry(_ id: JobID, now: Date) -> [Action] {
        guard let index = jobs.firstIndex(where: { $0.id == id }) else { return [] }
        switch jobs[index].state {
        case .failed, .cancelled:
            jobs[index].state = .queued
            interruptedWhileRunning[id] = nil
            jobs[index].retries += 1
            jobs[index].lastRetryReason = nil
            return startWaitingJobs(now: now)
        case .queued, .running, .saved:
            return []
        }
    }

    /// Keeps only the newest `count` finished jobs (the persisted history's bound); unfinished ones always stay.
    public mutating func trimFinished(keeping count: Int) {
        let finished = jobs.filter(\.state.isFinished)
        guard finished.count > count else { return }
        let dropped = Set(finished.prefix(finished.count - count).map(\.id))
        jobs.removeAll { dropped.contains($0.id) }
        for id in dropped { interruptedWhileRunning[id] = nil }
    }

    private mutating func startWaitingJobs(now: Date) -> [Action] {
        var actions: [Action] = []
        var running = runningCount
        for index in jobs.indices where running < concurrency && jobs[index].state == .queued {
            jobs[index].state = .running(startedAt: now)
            actions.append(.start(jobs[index].id, jobs[index].request))
            running += 1
        }
        return actions
    }
}
