import DarkroomTerminal

/// Renders the whole screen from the state. Pure: the same state always gives the same frame.
public enum AppView {
    public static func render(_ state: AppState) -> CellBuffer {
        var buffer = CellBuffer(width: state.screen.width, height: state.screen.height)
        guard state.showsPanels else {
            drawTooSmall(state, into: &buffer)
            return buffer
        }
        let layout = Layout(width: state.screen.width, height: state.screen.height)
        if state.preview.isFullScreen {
            PreviewView.draw(state, layout: layout, into: &buffer)
        } else {
            let shown = { (panel: FocusArea) in layout.shows(panel, focus: state.focus) }
            if shown(.prompt) { PromptView.draw(state, in: layout.prompt, into: &buffer) }
            if shown(.parameters) { ParametersView.draw(state, in: layout.parameters, into: &buffer) }
            if shown(.jobs) { JobsView.draw(state, in: layout.jobs, into: &buffer) }
            if shown(.gallery) { GalleryView.draw(state, layout: layout, into: &buffer) }
            if shown(.preview) { PreviewView.draw(state, layout: layout, into: &buffer) }
        }
        StatusLineView.draw(state, layout: layout, into: &buffer)
        switch state.overlay {
        case .help(let page):
            buffer.cursor = nil
            OverlayView.drawHelp(state, page: page, in: layout.main, into: &buffer)
        case .confirmQuit:
            buffer.cursor = nil
            OverlayView.drawConfirmQuit(state, in: layout.main, into: &buffer)
        case .notices(let notices):
            buffer.cursor = nil
            OverlayView.drawNotices(notices, state: state, in: layout.main, into: &buffer)
        case nil:
            break
        }
        if let editor = state.sweeps.editor {
            buffer.cursor = nil
            SweepOverlayView.drawEditor(state, editor: editor, in: layout.main, into: &buffer)
        } else if let confirming = state.sweeps.confirming {
            buffer.cursor = nil
            SweepOverlayView.drawConfirm(state, manifest: confirming.manifest, estimate: confirming.estimate, in: layout.main, into: &buffer)
        }
        return state.theme.unicode ? buffer : buffer.asciiOnly()
    }

    /// Says what size the app needs, in as many words as the screen has room for without cutting one: the full
    /// sentence with the current size, then shorter ones, the needed size in each; only a screen narrower than the
    /// size itself breaks it.
    private static func drawTooSmall(_ state: AppState, into buffer: inout CellBuffer) {
        let (width, height) = state.screen
        let needed = "\(Layout.minimum.width)×\(Layout.minimum.height)"
        let messages = ["The terminal is \(width)×\(height); enlarge it to at least \(needed).",
                        "Enlarge to at least \(needed).", "Needs \(needed)", needed]
        let fitting = messages.first { message in
            message.split(separator: " ").allSatisfy { TextWidth.of(String($0)) <= width }
                && TextWrap.lines(message, width: width).count <= height
        }
        var lines = TextWrap.lines(fitting ?? needed, width: width)
        // Ctrl-C still works here (KeyMap), so its question is shown here too, below the size.
        if case .confirmQuit = state.overlay { lines += [""] + TextWrap.lines(OverlayView.confirmQuitText(state), width: width) }
        for (row, line) in lines.prefix(height).enumerated() {
            buffer.put(line, x: 0, y: row, style: state.theme.warning)
        }
    }

    /// The areas drawn over the panels: the help (all of them), the quit question, the start's notices, the sweep editor or its price
    /// question. Pictures in pixels stay clear of them (`PixelPlan`), as a terminal draws pixels above text.
    static func overlayAreas(_ state: AppState, layout: Layout) -> [Rect] {
        var areas: [Rect] = []
        switch state.overlay {
        case .help: areas.append(layout.main)
        case .confirmQuit: areas.append(OverlayView.confirmQuitBox(state, in: layout.main))
        case .notices(let notices): areas.append(OverlayView.noticesBox(notices, in: layout.main))
        case nil: break
        }
        if state.sweeps.editor != nil {
            areas.append(SweepOverlayView.editorBox(in: layout.main))
        } else if let confirming = state.sweeps.confirming {
            areas.append(SweepOverlayView.confirmLayout(state, estimate: confirming.estimate, in: layout.main).box)
        }
        return areas
    }
}
