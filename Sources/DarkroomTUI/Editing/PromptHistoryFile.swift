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
        return Self.entries(in: text).entries
    }

    /// The saved entries for a new session. A file with lines that cannot be read is moved aside (nothing is lost,
    /// nothing crashes) and named in the sentence returned with the entries that could be read.
    public func restore(now: Date = Date()) -> (entries: [String], problem: String?) {
        let bytes: [UInt8]?
        do {
            bytes = try AtomicFile.read(url.path)
        } catch {
            return ([], error.description)
        }
        guard let bytes else { return ([], nil) }
        let text = String(validating: bytes, as: UTF8.self)
        let (entries, damaged) = text.map(Self.entries(in:)) ?? ([], true)
        guard damaged else { return (entries, nil) }
        let aside = AtomicFile.setAside(url.path, now: now)
        return (entries, "The prompt history \(url.path) is damaged" + (aside.map { "; it was moved to \($0)" } ?? "")
            + "; \(entries.count) readable prompt\(entries.count == 1 ? " was" : "s were") kept.")
    }

    /// Replaces the file whole with `entries` (temporary file, fsync, rename), creating its folder.
    public func save(_ entries: [String]) throws(AtomicFileError) {
        var text = ""
        for entry in entries {
            // A string always encodes.
            text += (CanonicalJSON.text(entry) ?? "\"\"") + "\n"
        }
        try AtomicFile.write(Array(text.utf8), to: url.path)
    }

    private static func entries(in text: String) -> (entries: [String], damaged: Bool) {
        let decoder = JSONDecoder()
        var damaged = false
        let entries = text.split(separator: "\n").compactMap { line -> String? in
            guard let entry = try? decoder.decode(String.self, from: Data(line.utf8)) else {
                damaged = true
                return nil
            }
            return entry
        }
        return (entries, damaged)
    }
}
