import DarkroomTUI
import Foundation
import Testing

/// Whole-screen assertions: a frame is compared as text, line by line, and a mismatch is recorded with a
/// line diff, so the failure shows what moved instead of two walls of text.
///
/// Snapshots live beside the test file in `__Snapshots__/<name>.txt`. Run the tests with
/// `DARKROOM_RECORD_SNAPSHOTS=1` to write them from the current screens (the test then records an issue,
/// so a recording run never passes by accident); review and commit the files.
public enum ScreenAssertions {
    /// The environment variable that turns comparisons into recordings.
    public static let recordVariable = "DARKROOM_RECORD_SNAPSHOTS"

    /// Records an issue unless `frame`'s lines equal `expected`'s (trailing spaces ignored).
    public static func expect(_ frame: CellBuffer?, equals expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let frame else {
            Issue.record("no frame was presented", sourceLocation: sourceLocation)
            return
        }
        let actual = lines(of: frame)
        let wanted = expected.split(separator: "\n", omittingEmptySubsequences: false).map { trimmed(String($0)) }
        if actual != wanted {
            Issue.record("the screen differs (- expected, + actual):\n\(LineDiff.describe(expected: wanted, actual: actual))",
                         sourceLocation: sourceLocation)
        }
    }

    /// Compares `frame` with the snapshot `name` beside the calling test file, or writes it when recording.
    public static func expect(
        _ frame: CellBuffer?, matchesSnapshot name: String, filePath: String = #filePath,
        environment: [String: String] = ProcessInfo.processInfo.environment, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let file = URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("__Snapshots__", isDirectory: true).appendingPathComponent("\(name).txt")
        if environment[recordVariable].map({ !$0.isEmpty && $0 != "0" }) == true {
            guard let frame else {
                Issue.record("no frame was presented to record as \(name)", sourceLocation: sourceLocation)
                return
            }
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data((lines(of: frame).joined(separator: "\n") + "\n").utf8).write(to: file, options: .atomic)
                Issue.record("recorded \(file.path); unset \(recordVariable) and run again to compare", sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not record \(file.path): \(error.localizedDescription)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no snapshot \(file.path); run with \(recordVariable)=1 to record it", sourceLocation: sourceLocation)
            return
        }
        expect(frame, equals: text.hasSuffix("\n") ? String(text.dropLast()) : text, sourceLocation: sourceLocation)
    }

    /// The frame as text, one line per row, trailing spaces trimmed.
    public static func lines(of frame: CellBuffer) -> [String] {
        frame.lines.map(trimmed)
    }

    private static func trimmed(_ line: String) -> String {
        var line = Substring(line)
        while line.last == " " { line = line.dropLast() }
        return String(line)
    }
}

/// A line diff of two texts: unchanged lines with two spaces, removed with `-`, added with `+`, from the
/// longest common subsequence of lines (screens are a few dozen lines, so the quadratic table is small).
public enum LineDiff {
    public static func describe(expected: [String], actual: [String]) -> String {
        let n = expected.count, m = actual.count
        var common = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                common[i][j] = expected[i] == actual[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var output: [String] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, expected[i] == actual[j] {
                output.append("  " + expected[i])
                i += 1
                j += 1
            } else if j < m, i == n || common[i][j + 1] >= common[i + 1][j] {
                output.append("+ " + actual[j])
                j += 1
            } else {
                output.append("- " + expected[i])
                i += 1
            }
        }
        return output.joined(separator: "\n")
    }
}
