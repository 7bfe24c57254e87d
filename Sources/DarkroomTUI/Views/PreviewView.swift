import DarkroomBackend
import DarkroomCore
import DarkroomTerminal

/// The preview: the selected image large, with its key, size, date and generation parameters.
enum PreviewView {
    static func draw(_ state: AppState, layout: Layout, into buffer: inout CellBuffer) {
        if let grid = state.sweeps.grid, let group = state.sweeps.group(grid.group) {
            SweepGridView.draw(state, group: group, grid: grid, layout: layout, into: &buffer)
            return
        }
        let theme = state.theme
        let fullScreen = state.preview.isFullScreen
        let frame = fullScreen ? layout.main : layout.preview
        let inner = Panel.draw(fullScreen ? "Preview · Esc or f to return" : "Preview", in: frame,
                               focused: state.focus == .preview, theme: theme, into: &buffer)
        guard inner.height > 1, inner.width > 10 else { return }
        guard let object = state.gallery.selectedObject else {
            buffer.put("Select an image in the gallery.", x: inner.x, y: inner.y, style: theme.dim, limit: inner.maxX)
            return
        }
        let pictureArea = layout.previewPictureArea(fullScreen: fullScreen)
        let loaded = state.preview.picture.flatMap { $0.key == object.key ? $0.picture : nil }
        // Until the full rendering arrives, the tile's thumbnail enlarged (a download from S3 can take seconds).
        if let picture = loaded ?? enlargedThumbnail(of: object.key, state: state, fitting: pictureArea) {
            let dx = max(0, (pictureArea.width - picture.columns) / 2), dy = max(0, (pictureArea.height - picture.rows) / 2)
            picture.draw(into: &buffer, at: (pictureArea.x + dx, pictureArea.y + dy), clip: pictureArea)
        } else if let failure = state.preview.failure, failure.key == object.key {
            let lines = TextWrap.lines("This image could not be shown: \(ErrorSentence.clause(failure.reason)). Press Ctrl-R to try again.",
                                       width: max(1, pictureArea.width - 2))
            let top = pictureArea.y + max(0, (pictureArea.height - lines.count) / 2)
            for (row, line) in lines.prefix(pictureArea.height).enumerated() {
                buffer.put(line, x: pictureArea.x + 1, y: top + row, style: theme.error, limit: pictureArea.maxX)
            }
        } else {
            buffer.put("loading…", x: pictureArea.x + max(0, pictureArea.width / 2 - 4), y: pictureArea.y + pictureArea.height / 2,
                       style: theme.dim, limit: pictureArea.maxX)
        }
        let details: Rect
        if pictureArea.width == inner.width {
            // Full screen, or a tall, narrow preview: the details go below the picture.
            details = Rect(x: inner.x, y: pictureArea.maxY, width: inner.width, height: inner.maxY - pictureArea.maxY)
        } else {
            details = Rect(x: pictureArea.maxX + 1, y: inner.y, width: inner.maxX - pictureArea.maxX - 1, height: inner.height)
        }
        drawDetails(object: object, status: state.gallery.metadataStatus(of: object.key), fullScreen: fullScreen, theme: theme,
                    in: details, into: &buffer)
    }

    /// The selected image's gallery thumbnail enlarged to fill `area` with its aspect kept, when it has one in
    /// half blocks and is smaller than the area.
    static func enlargedThumbnail(of key: String, state: AppState, fitting area: Rect) -> CellPicture? {
        // Without colour every cell has the terminal's own colours, so samples would say nothing.
        guard state.theme.colorMode != .none, case .picture(let thumbnail) = state.gallery.thumbnails[key],
              thumbnail.columns > 0, thumbnail.rows > 0 else { return nil }
        let scale = min(Double(area.width) / Double(thumbnail.columns), Double(area.height) / Double(thumbnail.rows))
        guard scale > 1 else { return thumbnail }
        return thumbnail.enlarged(columns: max(1, Int(Double(thumbnail.columns) * scale)), rows: max(1, Int(Double(thumbnail.rows) * scale)))
    }

    private static func drawDetails(object: StoredObject, status: GalleryState.MetadataStatus, fullScreen: Bool, theme: Theme,
                                    in area: Rect, into buffer: inout CellBuffer) {
        guard area.width > 4, area.height > 0 else { return }
        var lines: [(String, Style)] = []
        // Where the image is: its key, size and date.
        let objectFacts = [object.key, GalleryView.sizeText(object.size), GalleryView.dateText(object.lastModified) + " UTC"]
        if case .known(let metadata) = status {
            // Any tool may have written the image: its text is shown without control characters.
            let parameters = metadata.readable.parameters
            var facts = [SweepParameter.model, .size, .seed, .steps, .cfgScale, .style, .sampler].compactMap(parameters.fact)
            if metadata.engine == ImageMetadata.localPreviewEngine { facts.append("local preview engine") }
            if fullScreen {
                lines.append(((facts + objectFacts).joined(separator: " · "), theme.dim))
                lines.append((parameters.prompt.replacing("\n", with: " "), theme.normal))
            } else {
                lines += TextWrap.lines(parameters.prompt, width: area.width).map { ($0, theme.normal) }
                if !parameters.negativePrompt.isEmpty {
                    lines += TextWrap.lines("not: " + parameters.negativePrompt, width: area.width).map { ($0, theme.dim) }
                }
                lines += TextWrap.lines(facts: facts, width: area.width).map { ($0, theme.accent) }
                lines += TextWrap.lines(facts: objectFacts, width: area.width).map { ($0, theme.dim) }
            }
        } else {
            let note = switch status {
            case .known, .pending: "Reading parameters…"
            case .none: "No generation parameters in this image (written by another tool)."
            case .failed(let reason): "Its parameters could not be read: \(reason)."
            }
            lines += TextWrap.lines(facts: objectFacts, width: area.width).map { ($0, theme.dim) }
            lines += TextWrap.lines(note, width: area.width).map { ($0, theme.dim) }
        }
        for (row, line) in lines.prefix(area.height).enumerated() {
            buffer.put(TextWidth.truncate(line.0, toColumns: area.width, ellipsis: theme.ellipsis), x: area.x, y: area.y + row, style: line.1)
        }
    }
}
