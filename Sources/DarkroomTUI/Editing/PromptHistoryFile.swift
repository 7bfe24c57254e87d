import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The prompt history saved between runs in `$XDG_DATA_HOME/darkroom/history`.
public typealias PromptHistoryFile = StateFile<PromptHistoryFormat>

/// JSON lines: one JSON string per line, so prompts may span lines; a line that cannot be read is dropped and
/// the others kept.
public enum PromptHistoryFormat: StateFileFormat {
    public static let name = "prompt history"
    public static let empty: [String] = []

    public static func decode(_ bytes: [UInt8]) -> (value: [String], damaged: Bool) {
        let decoder = JSONDecoder()
        var damaged = false
        // Line by line from the bytes: a line that is not UTF-8 is one damaged line, not a damaged file.
        let entries = bytes.split(separator: UInt8(ascii: "\n")).compactMap { line -> String? in
            guard String(validating: line, as: UTF8.self) != nil, let entry = try? decoder.decode(String.self, from: Data(line)) else {
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
