import DarkroomTerminal
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The bottom line: a recent message, or where the app is connected; then the focused panel's keys.
enum StatusLineView {
    /// How long a message stays before the connection info comes back.
    static let messageSeconds: TimeInterval = 6
    /// Columns the left side keeps even when the keys would like the whole line.
    static let minimumLeftColumns = 24

    static func draw(_ state: AppState, layout: Layout, into buffer: inout CellBuffer) {
        let line = layout.statusLine
        let theme = state.theme
        buffer.fill(line, style: theme.statusBar)
        // The focused panel's own keys first: they are what the user is looking for; Tab is in every panel's help.
        let bindings = KeyMap.hints(in: state)
        let hints = (bindings.filter { $0.scope != .global } + bindings.filter { $0.scope == .global })
            .compactMap { binding in binding.hint.map { KeyHint(binding.label, $0) } }
        let help = KeyHint(KeyMap.isTyping(state) ? "F1" : "?", "help")
        var message = state.message.flatMap { state.now.timeIntervalSince(state.messageShownAt) < messageSeconds ? $0 : nil }
        // One panel at a time on a small screen: the others are out of sight, so say where Tab goes rather than
        // where the app is connected.
        if message == nil, layout.isSinglePanel {
            message = StatusMessage("Tab → \(state.focus.next().title)")
        }
        let leftWant = message.map { TextWidth.of($0.text) }
            ?? TextWidth.of(connectionText(state.connection, home: homeFolder, columns: Int.max, ellipsis: theme.ellipsis))
        // One space at each end and three between the halves.
        let usable = max(0, line.width - 5)
        // A message is what the user must read now, so it gets the room; otherwise the keys do.
        let right = fittingHints(hints, help: help, columns: usable - (message == nil ? min(leftWant, minimumLeftColumns) : leftWant))
        let rightWidth = KeyHint.width(of: right)
        let leftWidth = min(leftWant, usable - rightWidth)
        let left = message.map { TextWidth.truncate($0.text, toColumns: leftWidth, ellipsis: theme.ellipsis) }
            ?? connectionText(state.connection, home: homeFolder, columns: leftWidth, ellipsis: theme.ellipsis)
        let leftStyle = message?.isError == true ? theme.statusBar.adding(.bold) : theme.statusBar
        buffer.put(" " + left, x: line.x, y: line.y, style: leftStyle, limit: line.maxX)
        KeyHint.draw(right, x: line.maxX - 1 - rightWidth, y: line.y, style: theme.statusBar, limit: line.maxX, into: &buffer)
    }

    private static var homeFolder: String? { ProcessInfo.processInfo.environment["HOME"] }

    /// The focused panel's key hints that fit in `columns`, whole ones only, always ending with the help key;
    /// none when not even that fits.
    static func fittingHints(_ hints: [KeyHint], help: KeyHint, columns: Int) -> [KeyHint] {
        var kept: [KeyHint] = []
        for hint in hints {
            guard KeyHint.width(of: kept + [hint, help]) <= columns else { break }
            kept.append(hint)
        }
        return KeyHint.width(of: kept + [help]) <= columns ? kept + [help] : []
    }

    /// "local · ~/darkroom" or "bedrock · s3://images · eu-west-1 · profile studio", fitted to `columns` by
    /// shortening the home folder to `~` and cutting the location in the middle; absent region and profile are left out.
    static func connectionText(_ connection: ConnectionInfo, home: String?, columns: Int, ellipsis: String) -> String {
        var location = connection.location
        if let home, !home.isEmpty, home != "/", location == home || location.hasPrefix(home + "/") {
            location = "~" + location.dropFirst(home.count)
        }
        var tail: [String] = []
        if let region = connection.region, !region.isEmpty { tail.append(region) }
        if let profile = connection.profile, !profile.isEmpty { tail.append("profile \(profile)") }
        let separator = " · "
        let fixed = TextWidth.of(connection.backend + separator) + tail.reduce(0) { $0 + TextWidth.of(separator + $1) }
        let locationColumns = columns - fixed
        // Too narrow for everything: the location matters most, then the backend.
        if locationColumns < 12 {
            return TextWidth.truncate(([connection.backend, location] + tail).joined(separator: separator), toColumns: columns, ellipsis: ellipsis)
        }
        let fitted = TextWidth.truncateMiddle(location, toColumns: locationColumns, ellipsis: ellipsis)
        return ([connection.backend, fitted] + tail).joined(separator: separator)
    }
}
