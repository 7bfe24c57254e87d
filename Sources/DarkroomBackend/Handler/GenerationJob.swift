#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DarkroomCore

/// A generation whose key is already promised (asynchronous mode): what the follow-up invocation runs.
public struct GenerationJob: Codable, Sendable, Equatable {
    /// Validated parameters, seed set.
    public var parameters: GenerationParameters
    public var key: String
    public var thumbnailKey: String?
    /// When the client asked; the image's metadata carries this time.
    public var requestedAt: Date

    public init(parameters: GenerationParameters, key: String, thumbnailKey: String?, requestedAt: Date) {
        self.parameters = parameters
        self.key = key
        self.thumbnailKey = thumbnailKey
        self.requestedAt = requestedAt
    }

    private enum CodingKeys: String, CodingKey {
        case parameters, key
        case thumbnailKey = "thumbnail_key"
        case requestedAt = "requested_at"
    }

    private struct Envelope: Codable {
        var job: GenerationJob

        enum CodingKeys: String, CodingKey {
            case job = "darkroom_job"
        }
    }

    /// The direct-invocation payload that carries this job (`{"darkroom_job": {…}}`); `LambdaEvent` recognises it.
    public func eventPayload() -> [UInt8] {
        CanonicalJSON.encode(Envelope(job: self), iso8601Dates: true) ?? []
    }

    /// Reads a job payload; nil for anything else.
    public static func parse(eventPayload bytes: [UInt8]) -> GenerationJob? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(Envelope.self, from: Data(bytes)).job
    }
}

/// Starts a job so it finishes after the 202 answer: on Lambda an `Event` (asynchronous) invocation of the
/// same function with `job.eventPayload()`; locally a background task.
public protocol GenerationJobDispatching: Sendable {
    func dispatch(_ job: GenerationJob) async throws(JobDispatchError)
}

/// Why an asynchronous job could not be started.
public struct JobDispatchError: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String {
        "The asynchronous generation could not be started (\(reason)); retry, or send the request without `async`."
    }
}

/// Runs each job in a background task of this process (the local stack's asynchronous mode).
public struct BackgroundTaskDispatcher: GenerationJobDispatching {
    private let run: @Sendable (GenerationJob) async -> Void

    public init(run: @escaping @Sendable (GenerationJob) async -> Void) {
        self.run = run
    }

    public func dispatch(_ job: GenerationJob) async throws(JobDispatchError) {
        Task { await run(job) }
    }
}
