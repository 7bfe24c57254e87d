import DarkroomBackend
import DarkroomCore
import DarkroomGallery
import DarkroomTerminal
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The gallery: a grid of thumbnails or a list, newest first, with the filter line on top.
enum GalleryView {
    static func draw(_ state: AppState, layout: Layout, into buffer: inout CellBuffer) {
        let theme = state.theme
        let gallery = state.gallery
        let title = "Gallery · " + (gallery.filter.isEmpty
            ? Counted.text(gallery.objects.count, "image")
            : "\(Counted.grouped(gallery.matchCount)) of \(Counted.text(gallery.objects.count, "image"))")
        let inner = Panel.draw(title, in: layout.gallery, focused: state.focus == .gallery, theme: theme, into: &buffer)
        guard inner.height > 1, inner.width > 10 else { return }
        drawHeader(state, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: 1), into: &buffer)
        let body = layout.galleryBody
        if gallery.visible.isEmpty {
            // A refused search or a failed listing is explained here in full, where it has room: on the header line
            // the one pushed the typed text out of sight, the other was cut to the panel's width.
            let (text, style) = problem(gallery).map { ($0, theme.error) } ?? (emptyGalleryText(gallery), theme.dim)
            for (row, line) in TextWrap.lines(text, width: body.width).prefix(body.height).enumerated() {
                buffer.put(line, x: body.x, y: body.y + row, style: style)
            }
            return
        }
        switch gallery.layout {
        case .grid: drawGrid(state, layout: layout, into: &buffer)
        case .list: drawList(state, layout: layout, into: &buffer)
        }
    }

    private static func problem(_ gallery: GalleryState) -> String? {
        if let refusal = gallery.searchProblem { return refusal }
        if case .failed(let reason) = gallery.listing { return "\(reason) Press Ctrl-R to try again." }
        return nil
    }

    private static func emptyGalleryText(_ gallery: GalleryState) -> String {
        switch gallery.listing {
        case .notLoaded, .loading: "Listing images…"
        case .loaded, .failed: gallery.objects.isEmpty ? "No images yet: write a prompt and press Enter." : "No image matches the filter."
        }
    }

    private static func drawHeader(_ state: AppState, in line: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        let gallery = state.gallery
        if gallery.isEditingFilter || !gallery.filter.isEmpty {
            let end = buffer.put("/ ", x: line.x, y: line.y, style: theme.accent)
            var editorEnd = line.maxX
            if gallery.usesCatalogSearch {
                // The catalog answers at once; what it cannot see yet is counted, and read in the background. Why
                // a search was refused is told below, in full.
                let text = gallery.searchProblem != nil ? " not understood"
                    : gallery.unsearchedCount > 0 ? " not yet searched (\(Counted.grouped(gallery.unsearchedCount)) left)" : ""
                if !text.isEmpty {
                    editorEnd = max(end + 8, line.maxX - TextWidth.of(text))
                    buffer.put(text, x: editorEnd, y: line.y, style: gallery.searchProblem == nil ? theme.dim : theme.error, limit: line.maxX)
                }
            } else if let progress = gallery.searchProgress {
                let text = " searching \(Counted.grouped(progress.searched))/\(Counted.grouped(progress.total))"
                editorEnd = max(end + 8, line.maxX - TextWidth.of(text))
                buffer.put(text, x: editorEnd, y: line.y, style: theme.dim, limit: line.maxX)
            }
            let caret = LineField.draw(gallery.filter, in: Rect(x: end, y: line.y, width: editorEnd - end, height: 1),
                                       style: theme.normal, into: &buffer)
            if gallery.isEditingFilter, state.overlay == nil { buffer.cursor = caret }
            return
        }
        switch gallery.listing {
        case .failed(let reason):
            // Over an empty gallery the reason is told in full below it.
            let text = gallery.visible.isEmpty ? "the listing failed:" : reason
            buffer.put(TextWidth.truncate(text, toColumns: line.width, ellipsis: theme.ellipsis), x: line.x, y: line.y, style: theme.error)
        case .loading, .notLoaded:
            buffer.put("loading… \(Counted.text(gallery.objects.count, "image")) so far", x: line.x, y: line.y, style: theme.dim, limit: line.maxX)
        case .loaded:
            buffer.put("newest first · / filter · l \(gallery.layout == .grid ? "list" : "grid")", x: line.x, y: line.y,
                       style: theme.dim, limit: line.maxX)
        }
    }

    private static func drawGrid(_ state: AppState, layout: Layout, into buffer: inout CellBuffer) {
        let theme = state.theme
        let gallery = state.gallery
        let columns = layout.gridColumns
        let tileWidth = layout.tileColumns
        let onScreen = gallery.visible.dropFirst(gallery.scrollRow * columns).prefix(layout.gridRows * columns).map { gallery.objects[$0] }
        let captions = gridCaptions(onScreen.map { ($0.key, gallery.metadata[$0.key]?.readable.parameters) }, columns: tileWidth)
        for row in 0..<layout.gridRows {
            for column in 0..<columns {
                let position = (gallery.scrollRow + row) * columns + column
                guard position < gallery.visible.count else { return }
                let object = gallery.objects[gallery.visible[position]]
                let picture = layout.tilePicture(column: column, row: row)
                let (x, y) = (picture.x, picture.y)
                switch gallery.thumbnails[object.key] {
                case .picture(let cells):
                    let dx = (tileWidth - cells.columns) / 2, dy = (picture.height - cells.rows) / 2
                    cells.draw(into: &buffer, at: (x + dx, y + dy), clip: picture)
                case .failed:
                    buffer.put("no preview", x: x + 3, y: y + picture.height / 2, style: theme.dim, limit: picture.maxX)
                case nil:
                    buffer.put(theme.unicode ? "…" : "...", x: x + tileWidth / 2 - 1, y: y + picture.height / 2, style: theme.dim)
                }
                let caption = captions[row * columns + column]
                let isSelected = position == gallery.selection
                buffer.put(TextWidth.truncate(caption, toColumns: tileWidth, ellipsis: theme.ellipsis), x: x, y: y + picture.height,
                           style: isSelected ? (state.focus == .gallery ? theme.selected : theme.accent) : theme.dim, limit: x + tileWidth)
            }
        }
    }

    private static func drawList(_ state: AppState, layout: Layout, into buffer: inout CellBuffer) {
        let theme = state.theme
        let gallery = state.gallery
        let body = layout.galleryBody
        // A narrow list (half of an 80-column screen) gives the date and size's columns to what tells rows apart:
        // a sweep's rows there read alike, all of one minute and one prompt.
        let isNarrow = body.width - dateColumns - 1 - sizeColumns - 1 < minimumListRoom
        // The size is padded to the widest one, so every row's prompt starts in the same column.
        let promptX = body.x + (isNarrow ? shortDateColumns + 1 : dateColumns + 1 + sizeColumns + 1)
        let room = max(0, body.maxX - promptX)
        let positions = gallery.scrollRow..<min(gallery.visible.count, gallery.scrollRow + layout.listRows)
        let shown = positions.map { position in
            let object = gallery.objects[gallery.visible[position]]
            return (position, object, gallery.metadata[object.key]?.readable.parameters)
        }
        let differing = differingFacts(among: shown.compactMap(\.2))
        // At the right end, in one column so the prompts are cut at the same place: what tells a sweep's images apart
        // (they share the prompt) beside at least a few words of prompt, then cfg, steps and seed as far as the
        // column is wide anyway, or as leaves the prompt readable.
        let leadingWidth = shown.compactMap(\.2).map { parameters in
            TextWidth.of(joined((differing[parameters.prompt] ?? []).compactMap { $0(parameters) }, fitting: room - minimumSweepPromptColumns - 2))
        }.max() ?? 0
        let detailsColumns = max(leadingWidth, room - minimumListPromptColumns - 2)
        let rows = shown.map { position, object, parameters in
            (position, object, parameters?.prompt.replacing("\n", with: " ") ?? object.key,
             parameters.map { listDetails($0, leading: differing[$0.prompt] ?? [], columns: detailsColumns) } ?? "")
        }
        let detailsWidth = rows.map { TextWidth.of($0.3) }.max() ?? 0
        let today = dateText(state.now)
        for (row, (position, object, prompt, details)) in rows.enumerated() {
            let y = body.y + row
            // The time the list is sorted by (the one in the name): copied or restored files carry another mtime,
            // and their rows looked out of order.
            let date = GalleryEntry(object).sortDate
            if isNarrow {
                buffer.put(shortDateText(dateText(date), today: today), x: body.x, y: y, style: theme.dim, limit: body.maxX)
            } else {
                let size = sizeText(object.size)
                buffer.put("\(dateText(date)) \(String(repeating: " ", count: max(0, sizeColumns - size.count)))\(size)",
                           x: body.x, y: y, style: theme.dim, limit: body.maxX)
            }
            let promptColumns = detailsWidth == 0 ? room : room - detailsWidth - 2
            buffer.put(TextWidth.truncate(prompt, toColumns: promptColumns, ellipsis: theme.ellipsis), x: promptX, y: y)
            buffer.put(details, x: body.maxX - TextWidth.of(details), y: y, style: theme.dim)
            if position == gallery.selection {
                let style = state.focus == .gallery ? theme.selected : theme.accent
                buffer.restyle(Rect(x: body.x, y: y, width: body.width, height: 1)) { _ in style }
            }
        }
    }

    /// Columns of `dateText` ("2026-11-26 00:45"), of the widest `sizeText` ("1023 KB") and of `shortDateText`.
    static let dateColumns = 16
    static let sizeColumns = 7
    static let shortDateColumns = 5

    /// Columns a list row's prompt keeps before cfg, steps and seed are shown beside it.
    static let minimumListPromptColumns = 20
    /// Columns a row's prompt keeps before what tells it apart from its siblings is shown: fewer, since without it
    /// the rows of a sweep read alike.
    static let minimumSweepPromptColumns = 10
    /// Columns for prompt and details below which the list drops the size and shortens the date.
    static let minimumListRoom = 40

    /// "style anime · cfg 7 · 30 steps": what tells the row apart from others of its prompt on screen (`leading`),
    /// then cfg, steps and seed, the first ones that fit in `columns`.
    static func listDetails(_ parameters: GenerationParameters, leading: [Fact], columns: Int) -> String {
        var parts = leading.compactMap { $0(parameters) }
        for part in [SweepParameter.cfgScale, .steps, .seed].compactMap(parameters.fact) where !parts.contains(part) {
            parts.append(part)
        }
        return joined(parts, fitting: columns)
    }

    private static func joined(_ parts: [String], fitting columns: Int) -> String {
        var shown: [String] = []
        for part in parts {
            guard TextWidth.of((shown + [part]).joined(separator: " · ")) <= columns else { break }
            shown.append(part)
        }
        return shown.joined(separator: " · ")
    }

    /// The grid's captions, one per tile on screen: the image's prompt (its file name until its parameters are read),
    /// or, where other tiles on screen share that prompt (a sweep, a prompt made again), the parameters that tell them
    /// apart, as an editor names the folder only on tabs whose file names are the same. Facts are set apart with
    /// `·` where every caption on screen then fits in `columns`, else with spaces ("cfg 7.5 50 steps").
    static func gridCaptions(_ tiles: [(key: String, parameters: GenerationParameters?)], columns: Int) -> [String] {
        let differing = differingFacts(among: tiles.compactMap(\.parameters))
        let facts = tiles.map { tile -> [String] in
            guard let parameters = tile.parameters else { return [] }
            return (differing[parameters.prompt] ?? []).compactMap { $0(parameters) }
        }
        let separator = facts.allSatisfy { TextWidth.of($0.joined(separator: " · ")) <= columns } ? " · " : " "
        return zip(tiles, facts).map { tile, facts in
            if !facts.isEmpty { return facts.joined(separator: separator) }
            if let prompt = tile.parameters?.prompt, !prompt.isEmpty { return prompt.replacing("\n", with: " ") }
            return String(tile.key.split(separator: "/").last ?? Substring(tile.key))
        }
    }

    /// One fact about an image, as captions word it (nil where it has none).
    typealias Fact = @Sendable (GenerationParameters) -> String?

    /// For each prompt among `parameters` (the images on screen), the facts in which its images differ (none for a
    /// prompt shown once).
    static func differingFacts(among parameters: [GenerationParameters]) -> [String: [Fact]] {
        Dictionary(grouping: parameters, by: \.prompt).mapValues { siblings in
            distinguishingFacts.filter { fact in Set(siblings.map(fact)).count > 1 }
        }
    }

    /// What tells images of one prompt apart, in the order a caption lists them: what a sweep can vary, then the
    /// negative prompt.
    private static let distinguishingFacts: [Fact] =
        [SweepParameter.model, .size, .style, .sampler, .cfgScale, .steps, .seed].map { parameter in { $0.fact(parameter) } }
        + [{ $0.negativePrompt.isEmpty ? nil : "not \($0.negativePrompt.replacing("\n", with: " "))" }]

    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? PrintfText.fixed(Double(bytes) / Double(1 << 20), digits: 1) + " MB" : "\(max(1, bytes / 1024)) KB"
    }

    /// "2026-11-26 00:45" in UTC.
    static func dateText(_ date: Date) -> String {
        String(date.formatted(Date.ISO8601FormatStyle(dateSeparator: .dash, dateTimeSeparator: .space, timeZone: .gmt)).prefix(16))
    }

    /// The part of `dateText` that says most beside the date of `now`, as mail clients list messages: the time for
    /// an image of today ("16:10"), month and day for one of this year ("11-26"), else the year ("2025").
    static func shortDateText(_ date: Date, now: Date) -> String {
        shortDateText(dateText(date), today: dateText(now))
    }

    /// The same from `dateText`s: the list formats today's once a frame, not once a row.
    private static func shortDateText(_ full: String, today: String) -> String {
        if full.prefix(10) == today.prefix(10) { return String(full.suffix(5)) }
        if full.prefix(4) == today.prefix(4) { return String(full.dropFirst(5).prefix(5)) }
        return String(full.prefix(4))
    }
}
