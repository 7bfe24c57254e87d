import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Writes the history files, so an older save never lands after a newer one: each save takes a ticket when it
/// is asked for (in order, on the UI thread) and a save whose ticket is older than the last written is dropped.
/// The UI loop's last save on the way out (a quit, a hang-up, a termination) is written at once, on its thread.
final class HistoryWriter: Sendable {
    let files: AppFiles
    private let tickets = Mutex(0)
    /// Held while writing, so writes never interleave.
    private let written = Mutex(Written())

    init(files: AppFiles) {
        self.files = files
    }

    /// A ticket for a save about to be asked for.
    func ticket() -> Int {
        tickets.withLock { count in
            count += 1
            return count
        }
    }

    /// Saves the prompt history unless a newer save was written; a sentence for the status line when it could not.
    func saveHistory(_ entries: [String], ticket: Int) -> String? {
        save(entries, to: files.history, ticket: ticket, newest: \.history)
    }

    /// Saves the job list unless a newer save was written; a sentence for the status line when it could not.
    func saveJobs(_ jobs: [GenerationJobs.Entry], ticket: Int) -> String? {
        save(jobs, to: files.jobs, ticket: ticket, newest: \.jobs)
    }

    private func save<Format>(_ value: Format.Value, to file: StateFile<Format>, ticket: Int, newest: WritableKeyPath<Written, Int>) -> String? {
        written.withLock { written -> String? in
            guard ticket > written[keyPath: newest] else { return nil }
            written[keyPath: newest] = ticket
            do {
                try file.save(value)
                return nil
            } catch {
                return "Could not save the \(Format.name): \(error)"
            }
        }
    }

    /// The newest ticket written, per file.
    private struct Written {
        var history = 0
        var jobs = 0
    }
}
