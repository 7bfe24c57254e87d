import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The job list saved between runs as JSON in `$XDG_DATA_HOME/darkroom/jobs.json`.
public typealias JobHistoryFile = StateFile<JobHistoryFormat>

/// One JSON array of jobs, oldest first; a file that is not such an array is damaged whole.
public enum JobHistoryFormat: StateFileFormat {
    public static let name = "job history"
    public static let empty: [GenerationJobs.Entry] = []

    public static func decode(_ bytes: [UInt8]) -> (value: [GenerationJobs.Entry], damaged: Bool) {
        guard let jobs = try? JSONDecoder().decode([GenerationJobs.Entry].self, from: Data(bytes)) else { return ([], true) }
        return (jobs, false)
    }

    public static func encode(_ jobs: [GenerationJobs.Entry]) -> [UInt8] {
        CanonicalJSON.encode(jobs) ?? Array("[]".utf8)
    }

    public static func damagedNote(kept: [GenerationJobs.Entry]) -> String {
        " and darkroom starts a new one."
    }
}
