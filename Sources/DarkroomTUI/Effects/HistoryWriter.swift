import Foundation

/// Writes history files one at a time, so an older save never lands after a newer one.
actor HistoryWriter {
    let files: AppFiles

    init(files: AppFiles) {
        self.files = files
    }

    /// Saves the prompt history; a sentence for the status line when it could not.
    func saveHistory(_ entries: [String]) -> String? {
        do {
            try files.history.save(entries)
            return nil
        } catch {
            return "Could not save the prompt history in \(files.folder.path): \(error.localizedDescription)"
        }
    }

    /// Saves the job list; a sentence for the status line when it could not.
    func saveJobs(_ jobs: [GenerationJobs.Entry]) -> String? {
        do {
            try files.jobs.save(jobs)
            return nil
        } catch {
            return "Could not save the job history in \(files.folder.path): \(error.localizedDescription)"
        }
    }
}
