import DarkroomCore

/// A one-line note in the status bar (a copy confirmation, an error to act on).
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
    /// The job the note speaks of ("Job #3 queued…"): when that job ends while the note is still the latest, the
    /// note is replaced by how it ended, so it never says queued about an image already saved.
    public var job: JobID?

    public init(_ text: String, isError: Bool = false, job: JobID? = nil) {
        self.text = text
        self.isError = isError
        self.job = job
    }
}
