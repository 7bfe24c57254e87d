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

    /// The saved jobs for a new session. A file that cannot be understood is moved aside (nothing is lost, nothing
    /// crashes) and named in the sentence returned with an empty list.
    public func restore(now: Date = Date()) -> (jobs: [GenerationJobs.Entry], problem: String?) {
        let bytes: [UInt8]?
        do {
            bytes = try AtomicFile.read(url.path)
        } catch {
            return ([], error.description)
        }
        guard let bytes else { return ([], nil) }
        do {
            return (try JSONDecoder().decode([GenerationJobs.Entry].self, from: Data(bytes)), nil)
        } catch {
            let aside = AtomicFile.setAside(url.path, now: now)
            return ([], "The job history \(url.path) is damaged" + (aside.map { "; it was moved to \($0)" } ?? "")
                + " and darkroom starts a new one.")
        }
    }

    /// Replaces the file whole (temporary file, fsync, rename), so a crash or a hang-up never leaves half a list.
    public func save(_ jobs: [GenerationJobs.Entry]) throws(AtomicFileError) {
        try AtomicFile.write(CanonicalJSON.encode(jobs) ?? Array("[]".utf8), to: url.path)
    }
}
