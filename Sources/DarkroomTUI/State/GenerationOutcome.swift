import DarkroomCore

/// What a finished generation job produced: the stored image's key and the seed it used.
public struct GenerationOutcome: Codable, Hashable, Sendable {
    public var key: String
    public var seed: UInt32

    public init(key: String, seed: UInt32) {
        self.key = key
        self.seed = seed
    }
}

/// The app's job list: generation parameters in, stored images out.
public typealias GenerationJobs = JobQueue<GenerationParameters, GenerationOutcome>
