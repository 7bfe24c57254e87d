import DarkroomCore
import Foundation
import Synchronization

/// Writes the history files, so an older save never lands after a newer one: each save takes a ticket when it
/// is asked for (in order, on the UI thread) and a save whose ticket is older than the last written is dropped.
/// The UI loop's last save on the way out (a quit, a hang-up, a termination) is written at once, on its thread.
final class HistoryWriter: Sendable {
    let files: AppFiles
    private let tickets = Mutex(0)
    /// The newest ticket written per file; held while writing, so writes never interleave.
    private let written = Mutex<(history: Int, jobs: Int)>((0, 0))

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
        written.withLock { (written: inout (history: Int, jobs: Int)) -> String? in
            guard ticket > written.history else { return nil }
            written.history = ticket
            do {
                try files.history.save(entries)
                return nil
            } catch {
                return "Could not save the prompt history: \(error)"
            }
        }
    }

    /// Saves the job list unless a newer save was written; a sentence for the status line when it could not.
    func saveJobs(_ jobs: [GenerationJobs.Entry], ticket: Int) -> String? {
        written.withLock { (written: inout (history: Int, jobs: Int)) -> String? in
            guard ticket > written.jobs else { return nil }
            written.jobs = ticket
            do {
                try files.jobs.save(jobs)
                return nil
            } catch {
                return "Could not save the job history: \(error)"
            }
        }
    }
}
