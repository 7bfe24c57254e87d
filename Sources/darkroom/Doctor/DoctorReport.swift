import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The checks of one `darkroom doctor` run, as text lines or JSON.
struct DoctorReport: Encodable {
    var checks: [DoctorCheck]

    /// False when an essential check failed.
    var healthy: Bool { !checks.contains { $0.status == .failed } }

    private enum CodingKeys: String, CodingKey { case healthy, checks }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(healthy, forKey: .healthy)
        try container.encode(checks, forKey: .checks)
    }

    /// One line per check: a mark, the check's name, what was found and, when not ok, the hint.
    /// `unicode` false keeps to ASCII for terminals whose locale is not UTF-8.
    func text(unicode: Bool) -> String {
        let width = checks.map(\.name.count).max() ?? 0
        var lines = checks.map { check in
            let name = check.name + String(repeating: " ", count: width - check.name.count)
            var line = "\(Self.mark(check.status, unicode: unicode)) \(name)  \(check.detail)"
            if check.status != .ok, let hint = check.hint { line += (unicode ? " — " : " - ") + hint }
            return line
        }
        let failed = checks.filter { $0.status == .failed }.count
        lines.append(failed == 0 ? "Everything darkroom needs is in place."
                                 : "\(failed) essential check\(failed == 1 ? "" : "s") failed; see the hints above.")
        return lines.joined(separator: "\n")
    }

    func json() throws -> String {
        guard let text = CanonicalJSON.text(self, pretty: true) else { throw CommandFailure("The report could not be encoded as JSON.") }
        return text
    }

    private static func mark(_ status: DoctorCheck.Status, unicode: Bool) -> String {
        switch status {
        case .ok: unicode ? "✓" : "ok  "
        case .warning: unicode ? "!" : "warn"
        case .failed: unicode ? "✗" : "FAIL"
        case .skipped: unicode ? "–" : "skip"
        }
    }
}
