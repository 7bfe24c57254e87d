import DarkroomCore

/// The job panel: the queue and which job is selected.
public struct JobsState: Hashable, Sendable {
    public var queue: GenerationJobs
    public var selected: JobID?

    public init(queue: GenerationJobs) {
        self.queue = queue
        selected = queue.jobs.last?.id
    }

    /// Jobs running or waiting to run: what quitting would stop.
    public var unfinishedCount: Int { queue.runningCount + queue.queuedCount }

    /// The selected job, newest when nothing is selected.
    public var selectedJob: GenerationJobs.Entry? {
        selected.flatMap { queue[$0] } ?? queue.jobs.last
    }
}
