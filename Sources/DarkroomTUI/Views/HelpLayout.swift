/// The key help laid out for a box: each binding in full (a long one wraps under itself), a heading never alone
/// at the foot of a column, in the fewest columns that hold it on one page, and over pages when even the most
/// columns cannot. At 80x24 (an SSH session's default) the table was three columns of 25 cells, most lines cut short.
struct HelpLayout {
    /// One line of the table: a scope's heading, or a binding (its first line or a continuation).
    struct Line: Hashable {
        var text: String
        var isHeading: Bool
        /// Characters at the start that name the keys ("Ctrl-T:"), drawn apart from what they do; 0 on headings and
        /// on a binding's continuation lines.
        var keyLength = 0
    }

    /// Each page's columns, each column's lines.
    let pages: [[[Line]]]
    let columnWidth: Int

    /// The narrowest a column gets: most bindings fit on one line of it.
    static let minimumColumnWidth = 36
    static let columnGap = 2

    /// One heading's entries: what to press or do, and what it does.
    typealias Section = (heading: String, entries: [(label: String, summary: String)])

    /// What the mouse does (`MouseMap`), listed after the keys while the terminal reports it.
    static let mouseSection: Section = ("Mouse", [
        ("click", "focus the panel; pick the image, job, parameter, grid cell or place in the prompt under it"),
        ("wheel", "move through the gallery or jobs; step through images over the preview"),
        ("Shift-drag", "the terminal's own text selection (Option in iTerm2)"),
    ])

    init(width: Int, height: Int, mouse: Bool) {
        let sections: [Section] = KeyMap.Scope.allCases.map { scope in
            (scope.rawValue, KeyMap.bindings.filter { $0.scope == scope }.map { ($0.label, $0.summary) })
        } + (mouse ? [Self.mouseSection] : [])
        let most = max(1, (width + Self.columnGap) / (Self.minimumColumnWidth + Self.columnGap))
        var chosen = Self.pages(sections, columns: most, width: width, height: height)
        for columns in 1..<most {
            let candidate = Self.pages(sections, columns: columns, width: width, height: height)
            if candidate.pages.count == 1 { chosen = candidate; break }
        }
        (pages, columnWidth) = chosen
    }

    private static func pages(_ sections: [Section], columns: Int, width: Int, height: Int) -> (pages: [[[Line]]], columnWidth: Int) {
        let columnWidth = max(1, (width - (columns - 1) * columnGap) / columns)
        let rows = max(2, height)
        // Blocks that stay in one column: a heading with the first entry under it, or one entry's lines.
        var blocks: [[Line]] = []
        for section in sections {
            var heading = [Line(text: section.heading, isHeading: true)]
            for entry in section.entries {
                let lines = TextWrap.lines("\(entry.label): \(entry.summary)", width: columnWidth - 2).enumerated().map { index, text in
                    index == 0 ? Line(text: text, isHeading: false, keyLength: entry.label.count + 1) : Line(text: "  " + text, isHeading: false)
                }
                blocks.append(heading + lines)
                heading = []
            }
        }
        var pages: [[[Line]]] = [[]]
        var column: [Line] = []
        func closeColumn() {
            if pages[pages.count - 1].count == columns { pages.append([]) }
            pages[pages.count - 1].append(column)
            column = []
        }
        for block in blocks {
            if !column.isEmpty, column.count + block.count > rows { closeColumn() }
            // A block taller than a whole column (a very low box) is cut there rather than lost.
            column += block.prefix(rows)
        }
        if !column.isEmpty { closeColumn() }
        return (pages, columnWidth)
    }

    /// The help's box inside the main area: the panel's border taken off.
    init(state: AppState) {
        let inner = Layout(width: state.screen.width, height: state.screen.height).main.inset(by: 1)
        self.init(width: inner.width, height: inner.height, mouse: state.reportsMouse)
    }
}
