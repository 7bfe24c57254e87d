import DarkroomBackend
import DarkroomCore
import DarkroomSweeps
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One sweep in the app: one it runs (its plan as a manifest and the job that makes each cell), or a past one read
/// back from its manifest in `output-sweeps/` (after a restart, or run on another machine).
public struct SweepGroup: Hashable, Sendable {
    /// Numbered from 1 in this session.
    public let number: Int
    /// The manifest as planned (cells pending); live state comes from the cells' jobs. For a past sweep, the
    /// manifest as read back.
    public let plan: SweepManifest
    /// The job of each cell, in cell order (none for a past sweep).
    public let cellJobs: [JobID]
    /// The last manifest handed to the records store, so unchanged states are not written again.
    public var written: SweepManifest?
    /// Whether the contact sheet was asked for.
    public var sheetRequested = false
    /// Where a past sweep's manifest was read (`s3://bucket/output-sweeps/`, a folder); nil for one run here.
    public let storedAt: String?
    /// When it started (`plan.startedAt`), read from the id once: the job panel orders past sweeps by it on every
    /// frame, and reading a date costs a calendar's arithmetic.
    public let startedAt: Date?

    public init(number: Int, plan: SweepManifest, cellJobs: [JobID]) {
        self.number = number
        self.plan = plan
        self.cellJobs = cellJobs
        storedAt = nil
        startedAt = plan.startedAt
    }

    /// A past sweep: shown as its manifest says, never written back.
    public init(number: Int, stored manifest: SweepManifest, location: String) {
        self.number = number
        plan = manifest
        cellJobs = []
        written = manifest
        sheetRequested = true
        storedAt = location
        startedAt = manifest.startedAt
    }

    /// Whether it was read back from a manifest rather than run in this session.
    public var isStored: Bool { storedAt != nil }

    /// The manifest with each cell's status, key and seed read from its job (a past sweep's as read back).
    public func manifest(jobs: GenerationJobs) -> SweepManifest {
        if isStored { return plan }
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
    /// The editor as it was last closed or run: `w` opens it again, axes, line and undo, as a shell keeps a command line.
    public var lastEditor: SweepEditorState?
    /// A sweep waiting for the user's yes (it costs money and is above `limits.confirmOver`).
    public var confirming: (manifest: SweepManifest, estimate: String)?
    /// The grid the preview shows, if any.
    public var grid: SweepGridCursor?
    /// The grid a cell's image was opened from (Enter on a cell), and that image's key: while the preview shows
    /// that image, Esc goes back to the grid with the cursor where it was.
    public var openedFrom: (grid: SweepGridCursor, key: String)?
    public var limits: SweepLimits = .standard
    /// Cell pictures for the grid, by key and size.
    public var tiles: [String: CellPicture] = [:]
    public var tilesRequested: Set<String> = []
    /// The image behind each cell picture that loaded, by image key: its ETag, read when the picture was, names
    /// the bytes the grid's pixels use (`PixelPlan`).
    public var cellImages: [String: StoredObject] = [:]
    /// Cell images that could not be shown, by image key: `missing` (gone from the bucket) or `unreadable`.
    public var unavailableImages: [String: String] = [:]
    /// Where the next sweep id's random part comes from (the reducer draws nothing itself).
    public var nextNumber = 1

    public init() {}

    /// Whether the preview shows an image opened from a grid cell, so Esc goes back to that grid.
    func canReturnToGrid(showing key: String?) -> Bool {
        grid == nil && openedFrom != nil && openedFrom?.key == key
    }

    public func group(_ number: Int) -> SweepGroup? {
        groups.first { $0.number == number }
    }

    /// The sweep a job belongs to.
    public func group(containing id: JobID) -> SweepGroup? {
        groups.first { $0.cellJobs.contains(id) }
    }

    /// Adds past sweeps read back from their manifests (oldest first, so the newest gets the highest number), or
    /// refreshes those already shown. Sweeps this session runs are not replaced by their own manifests; past
    /// sweeps no longer listed leave when the listing was complete.
    mutating func merge(past found: [SweepLibrary.Found], complete: Bool) {
        let running = Set(groups.filter { !$0.isStored }.map(\.plan.id))
        let listed = Set(found.map(\.manifest.id))
        if complete {
            groups.removeAll { $0.isStored && !listed.contains($0.plan.id) && grid?.group != $0.number }
        }
        for entry in found.sorted(by: { $0.manifest.id < $1.manifest.id }) where !running.contains(entry.manifest.id) {
            if let index = groups.firstIndex(where: { $0.isStored && $0.plan.id == entry.manifest.id }) {
                guard groups[index].plan != entry.manifest else { continue }
                groups[index] = SweepGroup(number: groups[index].number, stored: entry.manifest, location: entry.location)
            } else {
                groups.append(SweepGroup(number: nextNumber, stored: entry.manifest, location: entry.location))
                nextNumber += 1
            }
        }
    }

    /// Cache key of a tile picture.
    static func tileKey(_ key: String, columns: Int, rows: Int) -> String { "\(key)@\(columns)x\(rows)" }
}
