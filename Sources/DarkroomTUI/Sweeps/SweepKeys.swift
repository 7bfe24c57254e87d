/// Keys while the sweep editor or its confirmation is open, or the preview shows a sweep grid. They come
/// before the key table, the way an overlay's keys do.
enum SweepKeys {
    static func action(for key: KeyEvent, in state: AppState) -> AppAction? {
        if state.sweeps.confirming != nil {
            return .sweep(key == .char("y") || key == .char("Y") ? .confirm : .decline)
        }
        if state.sweeps.editor != nil {
            switch key {
            case KeyEvent(.escape): return .sweep(.closeEditor)
            case KeyEvent(.enter): return .sweep(.runEditor)
            case KeyEvent(.tab), KeyEvent(.down): return .sweep(.editorLine(delta: 1))
            case KeyEvent(.tab, .shift), KeyEvent(.up): return .sweep(.editorLine(delta: -1))
            default: return TextEditor.command(for: key).map { .sweep(.editorEdit($0)) }
            }
        }
        guard state.overlay == nil, state.focus == .preview, state.sweeps.grid != nil else { return nil }
        switch key {
        case KeyEvent(.escape): return state.preview.isFullScreen ? .toggleFullScreen : .sweep(.closeGrid)
        case KeyEvent(.enter): return .sweep(.openCell)
        default: return nil
        }
    }

    /// The editor's own key line, shown inside it.
    static let editorHints = [KeyHint("Enter", "run"), KeyHint("Tab/Up/Down", "axis"), KeyHint("Esc", "close")]
}
