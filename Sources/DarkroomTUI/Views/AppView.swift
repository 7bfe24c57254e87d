/// Renders the whole screen from the state. Pure: the same state always gives the same frame.
public enum AppView {
    public static func render(_ state: AppState) -> CellBuffer {
        var buffer = CellBuffer(width: state.screen.width, height: state.screen.height)
        guard state.screen.width >= 40, state.screen.height >= 12 else {
            buffer.put("Enlarge the terminal to at least 40×12.", x: 0, y: 0, style: state.theme.warning)
            return buffer
        }
        let layout = Layout(width: state.screen.width, height: state.screen.height)
        if state.preview.isFullScreen {
            PreviewView.draw(state, layout: layout, into: &buffer)
        } else {
            PromptView.draw(state, in: layout.prompt, into: &buffer)
            ParametersView.draw(state, in: layout.parameters, into: &buffer)
            JobsView.draw(state, in: layout.jobs, into: &buffer)
            GalleryView.draw(state, layout: layout, into: &buffer)
            PreviewView.draw(state, layout: layout, into: &buffer)
        }
        StatusLineView.draw(state, in: layout.statusLine, into: &buffer)
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
