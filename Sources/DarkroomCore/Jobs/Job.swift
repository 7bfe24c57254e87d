#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A job's identity, unique within one queue's history; higher is newer.
public struct JobID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static func < (lhs: JobID, rhs: JobID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "#\(rawValue)" }
}

/// One submitted piece of work and where it is in its life.
public struct Job<Request: Sendable & Hashable & Codable, Output: Sendable & Hashable & Codable>: Identifiable, Hashable, Codable, Sendable {
    /// Where a job is: waiting, running, or finished one of three ways.
    public enum State: Hashable, Codable, Sendable {
        case queued
        case running(startedAt: Date)
        case saved(Output, startedAt: Date, finishedAt: Date)
        case failed(message: String, finishedAt: Date)
        case cancelled(at: Date)

        /// Whether the job will not change any more without a retry.
        public var isFinished: Bool {
            switch self {
            case .queued, .running: return false
            case .saved, .failed, .cancelled: return true
            }
        }
    }

    public let id: JobID
    public let request: Request
    public let submittedAt: Date
    public internal(set) var state: State
    /// Attempts beyond the first: automatic ones reported by the client and retries the user asked for.
    public internal(set) var retries: Int
    /// Why the last automatic retry happened ("throttled, retrying in 2 s"), for the job panel.
    public internal(set) var lastRetryReason: String?

    /// Seconds spent running: up to `now` while running, the final figure once saved.
    public func elapsed(now: Date) -> TimeInterval? {
        switch state {
        case .running(let startedAt): return now.timeIntervalSince(startedAt)
        case .saved(_, let startedAt, let finishedAt): return finishedAt.timeIntervalSince(startedAt)
        case .queued, .failed, .cancelled: return nil
        }
    }

    /// The result, when the job saved one.
    public var output: Output? {
        if case .saved(let output, _, _) = state { return output }
        return nil
    }
}
