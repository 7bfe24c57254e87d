import DarkroomCore
import DarkroomThreads
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// tmux's passthrough: `ESC P tmux ; … ESC \` hands the enclosed bytes, every ESC in them doubled, to the
/// outer terminal. tmux refuses it unless `allow-passthrough` is on, and drops input sequences over 1 MiB.
public enum TmuxPassthrough {
    /// tmux's limit on one escape sequence's length.
    public static let sequenceLimit = 1 << 20
    static let restoreCursor: [UInt8] = [0x1B, UInt8(ascii: "8")]

    public static func wrap(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x1B, UInt8(ascii: "P")] + Array("tmux;".utf8)
        output.reserveCapacity(bytes.count + bytes.count / 64 + 16)
        for byte in bytes {
            if byte == 0x1B { output.append(0x1B) }
            output.append(byte)
        }
        return output + [0x1B, UInt8(ascii: "\\")]
    }

    /// Saves the outer terminal's cursor and moves it to a 0-based cell of the whole terminal (the pane's
    /// offset already added): tmux does not translate positions inside passthrough.
    static func saveAndMove(column: Int, row: Int) -> [UInt8] {
        wrap(saveCursorAndMove(column: column, row: row))
    }

    /// `bytes` wrapped, between a save-and-move to `origin` and a cursor restore when there is an origin.
    public static func positioned(_ bytes: [UInt8], at origin: (column: Int, row: Int)?) -> [UInt8] {
        guard let origin else { return wrap(bytes) }
        return wrap(saveCursorAndMove(column: origin.column, row: origin.row) + bytes + restoreCursor)
    }

    /// DECSC, then CUP to a 0-based cell.
    private static func saveCursorAndMove(column: Int, row: Int) -> [UInt8] {
        [0x1B, UInt8(ascii: "7")] + Array("\u{1B}[\(row + 1);\(column + 1)H".utf8)
    }

    /// Whether the tmux server this process runs under allows passthrough for its pane; nil when tmux cannot be asked.
    public static func isAllowed() -> Bool? {
        guard let value = tmuxOutput(["show-options", "-pAv", "allow-passthrough"]) ?? tmuxOutput(["show-options", "-gv", "allow-passthrough"])
        else { return nil }
        return value == "on" || value == "all"
    }

    /// The pane's top-left cell within the whole terminal, for `saveAndMove`.
    public static func paneOrigin() -> (column: Int, row: Int)? {
        guard let value = tmuxOutput(["display-message", "-p", "#{pane_left} #{pane_top}"]) else { return nil }
        let parts = value.split(separator: " ").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    private static func tmuxOutput(_ arguments: [String]) -> String? {
        guard let ran = try? ChildProcess.output(of: "/usr/bin/env", arguments: ["tmux"] + arguments, environment: ProcessInfo.processInfo.environment),
              ran.ending.shellStatus == 0 else { return nil }
        let text = String(decoding: ran.output, as: UTF8.self).trimmingWhitespace()
        return text.isEmpty ? nil : text
    }
}
