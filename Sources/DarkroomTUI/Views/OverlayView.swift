import DarkroomTerminal

/// Windows drawn over the panels: the key help, the quit confirmation and the notices of the start.
enum OverlayView {
    static func drawHelp(_ state: AppState, page: Int, in area: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        let help = HelpLayout(state: state)
        let shown = min(max(0, page), help.pages.count - 1)
        let title = help.pages.count > 1
            ? "Keys · \(shown + 1)/\(help.pages.count) · PgDn/PgUp pages · any other key closes"
            : "Keys · any key closes"
        let inner = Panel.draw(title, in: area, focused: true, theme: theme, into: &buffer)
        guard inner.width > 20, inner.height > 2 else { return }
        for (column, lines) in help.pages[shown].enumerated() {
            let x = inner.x + column * (help.columnWidth + HelpLayout.columnGap)
            for (row, line) in lines.enumerated() {
                let text = TextWidth.truncate(line.text, toColumns: help.columnWidth, ellipsis: theme.ellipsis)
                // The keys in bold, so the eye runs down them and finds a key before reading what it does.
                let keys = text.prefix(line.keyLength)
                let after = buffer.put(keys, x: x, y: inner.y + row, style: theme.key)
                buffer.put(text.dropFirst(keys.count), x: after, y: inner.y + row,
                           style: line.isHeading ? theme.accent.adding(.bold) : theme.normal)
            }
        }
    }

    static func drawConfirmQuit(_ state: AppState, in area: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        let inner = Panel.draw("Quit?", in: confirmQuitBox(state, in: area), focused: true, theme: theme, into: &buffer)
        for (row, line) in TextWrap.lines(confirmQuitText(state), width: inner.width).prefix(inner.height).enumerated() {
            buffer.put(line, x: inner.x + 1, y: inner.y + row, style: theme.warning)
        }
    }

    static func drawNotices(_ notices: [String], state: AppState, in area: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        let box = noticesBox(notices, in: area)
        let title = notices.count == 1 ? "At the start · any key closes" : "At the start: \(notices.count) notes · any key closes"
        let inner = Panel.draw(title, in: box, focused: true, theme: theme, into: &buffer)
        let lines = noticeLines(notices, width: inner.width - 2)
        for (row, line) in lines.prefix(inner.height).enumerated() {
            buffer.put(line, x: inner.x + 1, y: inner.y + row, style: theme.warning)
        }
    }

    /// As wide as the main area allows (long paths stay whole on fewer lines), as tall as the wrapped notes.
    static func noticesBox(_ notices: [String], in area: Rect) -> Rect {
        let width = max(0, min(area.width - 2, 100))
        let height = min(area.height, noticeLines(notices, width: width - 4).count + 2)
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
    }

    /// Each note wrapped, a blank line between notes.
    private static func noticeLines(_ notices: [String], width: Int) -> [String] {
        guard width > 0 else { return [] }
        return notices.enumerated().flatMap { index, notice in (index == 0 ? [] : [""]) + TextWrap.lines(notice, width: width) }
    }

    static func confirmQuitBox(_ state: AppState, in area: Rect) -> Rect {
        let width = min(area.width - 2, TextWidth.of(confirmQuitText(state)) + 4)
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + area.height / 2 - 2, width: width, height: 4)
    }

    /// The jobs are counted as the question is drawn, so the number goes down as they finish. Once none is left the
    /// question stays and says so rather than quitting by itself: the app never closes without a key, under a user
    /// who looked away, and y still means quit.
    static func confirmQuitText(_ state: AppState) -> String {
        let unfinished = state.jobs.unfinishedCount
        guard unfinished > 0 else { return "All jobs have finished. Quit? y/n" }
        return "\(unfinished) job\(unfinished == 1 ? " is" : "s are") still running or queued. Quit anyway? y/n"
    }
}
