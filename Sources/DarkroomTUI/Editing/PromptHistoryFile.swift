import DarkroomCore
import Foundation

/// The prompt history saved between runs in `$XDG_DATA_HOME/darkroom/history`.
public typealias PromptHistoryFile = StateFile<PromptHistoryFormat>

/// JSON lines: one JSON string per line, so prompts may span lines; a line that cannot be read is dropped and
/// the others kept.
public enum PromptHistoryFormat: StateFileFormat {
    public static let name = "prompt history"
    public static let empty: [String] = []

    public static func decode(_ bytes: [UInt8]) -> (value: [String], damaged: Bool) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return ([], true) }
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

    public static func encode(_ entries: [String]) -> [UInt8] {
        // A string always encodes.
        Array(entries.map { (CanonicalJSON.text($0) ?? "\"\"") + "\n" }.joined().utf8)
    }

    public static func damagedNote(kept entries: [String]) -> String {
        "; \(entries.count) readable prompt\(entries.count == 1 ? " was" : "s were") kept."
    }
}
