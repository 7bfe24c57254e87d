import DarkroomCore
import Foundation

/// Reads and writes prompt history as JSON lines (one JSON string per line, so prompts may span lines).
public struct PromptHistoryFile: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// The saved entries, oldest first; an absent or unreadable file is an empty history.
    public func load() -> [String] {
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else { return [] }
        let decoder = JSONDecoder()
        return text.split(separator: "\n").compactMap { line in
            try? decoder.decode(String.self, from: Data(line.utf8))
        }
    }

    /// Replaces the file with `entries`, creating its folder.
    public func save(_ entries: [String]) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var text = ""
        for entry in entries {
            // A string always encodes.
            text += (CanonicalJSON.text(entry) ?? "\"\"") + "\n"
        }
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
