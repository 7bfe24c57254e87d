import DarkroomCore
import Foundation

/// One sweep the app runs: its plan as a manifest and the job that makes each cell.
public struct SweepGroup: Hashable, Sendable {
    /// Numbered from 1 in this session.
    public let number: Int
    /// The manifest as planned (cells pending); live state comes from the cells' jobs.
    public let plan: SweepManifest
    /// The job of each cell, in cell order.
    public let cellJobs: [JobID]
    /// The last manifest handed to the records store, so unchanged states are not written again.
    public var written: SweepManifest?
    /// Whether the contact sheet was asked for.
    public var sheetRequested = false

    public init(number: Int, plan: SweepManifest, cellJobs: [JobID]) {
        self.number = number
        self.plan = plan
        self.cellJobs = cellJobs
    }

    /// The manifest with each cell's status, key and seed read from its job.
    public func manifest(jobs: GenerationJobs) -> SweepManifest {
        var manifest = plan
        var allFinished = true
        var anyCancelled = false
        for (index, id) in cellJobs.enumerated() where index < manifest.cells.count {
            guard let job = jobs[id] else {
                // Trimmed from the history: it had finished; keep what was last known.
                if let known = written?.cells[index] { manifest.cells[index] = known }
                continue
            }
            switch job.state {
            case .queued:
                manifest.cells[index].status = .pending
                allFinished = false
            case .running:
                manifest.cells[index].status = .running
                allFinished = false
            case .saved(let outcome, _, _):
                manifest.cells[index].status = .saved
                manifest.cells[index].key = outcome.key
                manifest.cells[index].parameters.seed = outcome.seed
            case .failed(let message, _):
                manifest.cells[index].status = .failed
                manifest.cells[index].error = message
            case .cancelled:
                manifest.cells[index].status = .cancelled
                anyCancelled = true
            }
        }
        manifest.status = !allFinished ? .running : anyCancelled ? .cancelled : .finished
        return manifest
    }

    /// A short description: `3x2 cfg_scale × steps`.
    public var title: String {
        let shape = plan.axes.map { String($0.values.count) }.joined(separator: "x")
        return "\(shape) " + plan.axes.map(\.name).joined(separator: " × ")
    }
}

/// The sweep editor: one axis per line (X, Y, Z), edited as text and checked on Enter.
public struct SweepEditorState: Hashable, Sendable {
    public var axes: [TextEditor]
    /// The line being edited (0 = X).
    public var line = 0
    /// Why the sweep was refused, shown under the lines.
    public var error: String?

    public init(x: String = "", y: String = "", z: String = "") {
        axes = [TextEditor(text: x), TextEditor(text: y), TextEditor(text: z)]
    }
}

/// Which sweep the preview shows as a grid, and the cell under the cursor.
public struct SweepGridCursor: Hashable, Sendable {
    public var group: Int
    public var x = 0
    public var y = 0
    public var z = 0

    public init(group: Int) {
        self.group = group
    }
}

/// Everything about sweeps in the app.
public struct SweepsState: Sendable {
    public var groups: [SweepGroup] = []
    /// The sweep selected in the job panel (its row stands for all its cells), nil when a plain job is.
    public var selectedGroup: Int?
    public var editor: SweepEditorState?
    /// A sweep waiting for the user's yes (it costs money and is above `limits.confirmOver`).
    public var confirming: (manifest: SweepManifest, estimate: String)?
    /// The grid the preview shows, if any.
    public var grid: SweepGridCursor?
    public var limits: SweepLimits = .standard
    /// Cell pictures for the grid, by key and size.
    public var tiles: [String: CellPicture] = [:]
    public var tilesRequested: Set<String> = []
    /// Where the next sweep id's random part comes from (the reducer draws nothing itself).
    public var nextNumber = 1

    public init() {}

    public func group(_ number: Int) -> SweepGroup? {
        groups.first { $0.number == number }
    }

    /// The sweep a job belongs to.
    public func group(containing id: JobID) -> SweepGroup? {
        groups.first { $0.cellJobs.contains(id) }
    }

    /// Cache key of a tile picture.
    static func tileKey(_ key: String, columns: Int, rows: Int) -> String { "\(key)@\(columns)x\(rows)" }
}
