#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The record of one sweep, `output-sweeps/<id>.json`: its axes, each cell's values, status and image key.
///
/// The client rewrites it as cells finish, so the grid can be shown later and on another machine. The images
/// themselves are ordinary objects under `output-images/` made by ordinary requests.
public struct SweepManifest: Codable, Hashable, Sendable {
    /// Where manifests and contact sheets live in the bucket.
    public static let prefix = "output-sweeps/"
    /// The format's version, raised on incompatible changes.
    public static let currentVersion = 1

    /// Where a whole sweep is.
    public enum Status: String, Codable, Sendable {
        case running, finished, cancelled
    }

    /// Where one cell is.
    public enum CellStatus: String, Codable, Sendable {
        case pending, running, saved, failed, cancelled
    }

    /// One axis: its name (`cfg_scale`, `S/R`, `prompt`) and value labels in order.
    public struct Axis: Codable, Hashable, Sendable {
        public var name: String
        public var values: [String]

        public init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }
    }

    /// One cell: its grid position, the axis values, the parameters sent, and what became of it.
    public struct Cell: Codable, Hashable, Sendable {
        public var x: Int
        public var y: Int
        public var z: Int
        public var values: [String]
        public var parameters: GenerationParameters
        public var status: CellStatus
        /// The image's key once saved.
        public var key: String?
        /// Why it failed.
        public var error: String?
        /// What made the image (`bedrock`, `local-preview`), once saved.
        public var engine: String?
    }

    public var version: Int
    /// `<UTC time>-<seed>-<random>`, sortable by time like image keys.
    public var id: String
    public var status: Status
    /// The parameters every cell shares (swept ones as in the first cell).
    public var parameters: GenerationParameters
    /// The contact sheet caption: what the cells share.
    public var caption: String
    public var axes: [Axis]
    public var cells: [Cell]
    /// The contact sheet's key, once written.
    public var sheetKey: String?

    /// A fresh manifest for `plan`, every cell pending.
    public init(plan: SweepPlan, id: String) {
        version = Self.currentVersion
        self.id = id
        status = .running
        parameters = plan.base
        caption = plan.caption
        axes = plan.axes.map { Axis(name: $0.name, values: $0.labels) }
        cells = plan.cells.map { cell in
            Cell(x: cell.x, y: cell.y, z: cell.z, values: cell.values.map(\.label), parameters: cell.parameters,
                 status: .pending, key: nil, error: nil, engine: nil)
        }
        sheetKey = nil
    }

    /// When the sweep started: the time its id begins with (nil for an id darkroom did not make).
    public var startedAt: Date? { ObjectNaming.parseTimestamp(String(id.prefix(16))) }

    /// The manifest's key: `output-sweeps/<id>.json`.
    public var key: String { Self.prefix + id + ".json" }
    /// The contact sheet's key: `output-sweeps/<id>.png`.
    public var defaultSheetKey: String { Self.prefix + id + ".png" }

    /// Cells per state, for progress lines (`4 done, 1 failed, 2 running of 9`).
    public var counts: (saved: Int, failed: Int, running: Int, pending: Int, cancelled: Int) {
        var result = (saved: 0, failed: 0, running: 0, pending: 0, cancelled: 0)
        for cell in cells {
            switch cell.status {
            case .saved: result.saved += 1
            case .failed: result.failed += 1
            case .running: result.running += 1
            case .pending: result.pending += 1
            case .cancelled: result.cancelled += 1
            }
        }
        return result
    }

    /// A fresh sweep id: `<UTC yyyyMMdd'T'HHmmss'Z'>-<seed>-<8 hex digits>`.
    public static func makeID(date: Date, seed: UInt32?, random: inout some RandomNumberGenerator) -> String {
        let suffix = String(UInt32.random(in: 0...UInt32.max, using: &random), radix: 16)
        let padded = String(repeating: "0", count: 8 - suffix.count) + suffix
        return "\(ObjectNaming.timestamp(date))-\(seed.map(String.init) ?? "seeds")-\(padded)"
    }

    /// `makeID(date:seed:random:)` with the system's random generator.
    public static func makeID(date: Date, seed: UInt32?) -> String {
        var generator = SystemRandomNumberGenerator()
        return makeID(date: date, seed: seed, random: &generator)
    }

    /// The manifest as stored: sorted keys, indented, so it diffs and reads well.
    public func encoded() -> [UInt8] {
        // Strings, numbers and enums always encode.
        CanonicalJSON.encode(self, pretty: true) ?? []
    }

    /// Reads a stored manifest; nil when the bytes are not one.
    public static func decode(_ bytes: [UInt8]) -> SweepManifest? {
        try? JSONDecoder().decode(SweepManifest.self, from: Data(bytes))
    }

    /// The most cells a manifest read back may have: what any setting could have let a sweep make.
    public static let maxCells = SweepLimits.hardCeiling

    /// Why a manifest read back from `key` cannot be drawn as a grid, or nil when it can: it may come from
    /// another machine, another version or a hand edit, and the grid indexes axes by the cells' positions.
    public func inconsistency(key: String) -> String? {
        guard version == Self.currentVersion else { return "format version \(version), this darkroom reads \(Self.currentVersion)" }
        guard key == self.key else { return "its id `\(id.prefix(80))` does not match its name" }
        guard (1...3).contains(axes.count) else { return "\(axes.count) axes, a sweep has one to three" }
        if let empty = axes.first(where: { $0.values.isEmpty }) { return "the axis `\(empty.name.prefix(40))` has no values" }
        let expected = axes.reduce(1) { $0.multipliedReportingOverflow(by: $1.values.count).overflow ? Int.max : $0 * $1.values.count }
        guard expected <= Self.maxCells else { return "\(expected) cells, more than \(Self.maxCells)" }
        guard cells.count == expected else { return "\(cells.count) cells where its axes make \(expected)" }
        let extent = axes.map(\.values.count) + Array(repeating: 1, count: 3 - axes.count)
        var seen = Set<[Int]>()
        for (index, cell) in cells.enumerated() {
            let position = [cell.x, cell.y, cell.z]
            guard zip(position, extent).allSatisfy({ (0..<$1).contains($0) }) else {
                return "cell \(index + 1) is at \(cell.x),\(cell.y),\(cell.z), outside its axes"
            }
            guard seen.insert(position).inserted else { return "two cells at \(cell.x),\(cell.y),\(cell.z)" }
            guard cell.values.count == axes.count else { return "cell \(index + 1) has \(cell.values.count) values for \(axes.count) axes" }
            if let key = cell.key, key.isEmpty || key.utf8.count > 1024 || key.utf8.contains(0) || key.hasPrefix("/")
                || key.split(separator: "/").contains("..") {
                return "cell \(index + 1) names an image key no bucket holds"
            }
            if cell.status == .saved, cell.key == nil { return "cell \(index + 1) is saved without an image key" }
        }
        return nil
    }
}
