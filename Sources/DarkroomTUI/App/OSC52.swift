#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The terminal clipboard escape: works through SSH and tmux (with `set-clipboard on`), no X server needed.
public enum OSC52 {
    public static func sequence(copying text: String) -> [UInt8] {
        Array("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}".utf8)
    }
}
