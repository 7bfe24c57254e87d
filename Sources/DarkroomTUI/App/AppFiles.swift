#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The files the app keeps between runs, in one folder (the composition root passes `$XDG_DATA_HOME/darkroom`).
public struct AppFiles: Sendable {
    /// The folder holding them, named in messages when a save fails.
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// Prompt history, as JSON lines.
    public var history: PromptHistoryFile { PromptHistoryFile(url: folder.appendingPathComponent("history")) }
    /// The job list, as JSON.
    public var jobs: JobHistoryFile { JobHistoryFile(url: folder.appendingPathComponent("jobs.json")) }
}
