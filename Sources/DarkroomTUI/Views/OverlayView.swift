/// Windows drawn over the panels: the key help and the quit confirmation.
enum OverlayView {
    static func drawHelp(_ state: AppState, in area: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        let inner = Panel.draw("Keys · any key closes", in: area, focused: true, theme: theme, into: &buffer)
        guard inner.width > 20, inner.height > 2 else { return }
        var entries: [(text: String, style: Style)] = []
        for scope in KeyMap.Scope.allCases {
            entries.append((scope.rawValue, theme.accent.adding(.bold)))
            for binding in KeyMap.bindings where binding.scope == scope {
                entries.append(("\(binding.label): \(binding.summary)", theme.normal))
            }
        }
        let columnCount = max(1, (entries.count + inner.height - 1) / inner.height)
        let columnWidth = (inner.width - (columnCount - 1) * 2) / columnCount
        for (index, entry) in entries.enumerated() {
            let column = index / inner.height
            guard column < columnCount else { break }
            let x = inner.x + column * (columnWidth + 2)
            buffer.put(TextWidth.truncate(entry.text, toColumns: columnWidth, ellipsis: theme.ellipsis), x: x,
                       y: inner.y + index % inner.height, style: entry.style)
        }
    }

    static func drawConfirmQuit(runningJobs: Int, theme: Theme, in area: Rect, into buffer: inout CellBuffer) {
        let text = "\(runningJobs) job\(runningJobs == 1 ? " is" : "s are") still running or queued. Quit anyway? y/n"
        let width = min(area.width - 2, TextWidth.of(text) + 4)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + area.height / 2 - 2, width: width, height: 4)
        let inner = Panel.draw("Quit?", in: box, focused: true, theme: theme, into: &buffer)
        for (row, line) in TextWrap.lines(text, width: inner.width).prefix(inner.height).enumerated() {
            buffer.put(line, x: inner.x + 1, y: inner.y + row, style: theme.warning)
        }
    }
}
