import DarkroomCore
import Foundation

/// The job list saved between runs as JSON in `$XDG_DATA_HOME/darkroom/jobs.json`.
public struct JobHistoryFile: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// The saved jobs, oldest first; an absent or unreadable file is an empty history.
    public func load() -> [GenerationJobs.Entry] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([GenerationJobs.Entry].self, from: data)) ?? []
    }

    public func save(_ jobs: [GenerationJobs.Entry]) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(CanonicalJSON.encode(jobs) ?? Array("[]".utf8)).write(to: url, options: .atomic)
    }
}
