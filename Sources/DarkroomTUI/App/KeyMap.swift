/// Which keys do what, per panel; the help screen and the status line are generated from the same table.
public enum KeyMap {
    /// Where a binding applies.
    public enum Scope: String, CaseIterable, Sendable {
        case global = "Everywhere"
        case prompt = "Prompt"
        case parameters = "Parameters"
        case jobs = "Jobs"
        case gallery = "Gallery"
        case filter = "Gallery filter (after /)"
        case preview = "Preview"
        case images = "Images (gallery, preview, jobs)"
        case outsidePrompt = "Outside the prompt"
    }

    /// One line of the key table.
    public struct Binding: Sendable {
        public let scope: Scope
        public let keys: [KeyEvent]
        /// How the keys are written in help ("Left/Right").
        public let label: String
        public let summary: String
        /// The status line's short name for the binding when the scope's panel has focus.
        public let hint: String?
        /// When the keys do something (the status line offers them only then).
        public let context: Context
        let action: @Sendable (KeyEvent) -> AppAction?

        init(_ scope: Scope, _ keys: [KeyEvent], _ label: String? = nil, _ summary: String, hint: String? = nil,
             context: Context = .always, _ action: @escaping @Sendable (KeyEvent) -> AppAction?) {
            self.scope = scope
            self.keys = keys
            self.label = label ?? keys.map(\.description).joined(separator: "/")
            self.summary = summary
            self.hint = hint
            self.context = context
            self.action = action
        }

        init(_ scope: Scope, _ keys: [KeyEvent], _ label: String? = nil, _ summary: String, hint: String? = nil,
             context: Context = .always, action: AppAction) {
            self.init(scope, keys, label, summary, hint: hint, context: context) { _ in action }
        }
    }

    /// When a binding's keys do something beyond their panel having focus.
    public enum Context: Sendable {
        case always
        /// While the preview shows a sweep's grid.
        case sweepGrid
        /// While it does not (Enter then opens the grid's cell instead).
        case outsideSweepGrid
        /// While the preview shows an image opened from a grid cell.
        case openedFromGrid

        func holds(in state: AppState) -> Bool {
            switch self {
            case .always: true
            case .sweepGrid: state.sweeps.grid != nil
            case .outsideSweepGrid: state.sweeps.grid == nil
            case .openedFromGrid: state.sweeps.canReturnToGrid(showing: state.gallery.selectedObject?.key)
            }
        }
    }

    public static let bindings: [Binding] = [
        Binding(.global, [KeyEvent(.tab), KeyEvent(.tab, .shift)], "Tab/Shift-Tab", "next/previous panel", hint: "focus") {
            $0.modifiers.contains(.shift) ? .focusPrevious : .focusNext
        },
        Binding(.global, [KeyEvent(.function(1)), .char("?")], "F1/?", "this help (? not in the prompt)", action: .toggleHelp),
        Binding(.global, [.char("q"), .ctrl("c")], "q/Ctrl-C", "quit (asks while jobs run)",
                action: .requestQuit),

        Binding(.prompt, [KeyEvent(.enter)], nil, "generate", hint: "generate", action: .submit),
        Binding(.prompt, [KeyEvent(.enter, .alt), .ctrl("j")], "Alt-Enter/Ctrl-J", "new line", action: .edit(.insert("\n"))),
        Binding(.prompt, [.ctrl("t")], nil, "prompt / negative prompt", hint: "negative", action: .toggleNegativePrompt),
        Binding(.prompt, [.ctrl("p"), .ctrl("n")], "Up/Down at top, Ctrl-P/N", "history", hint: "history") {
            $0 == .ctrl("p") ? .historyPrevious : .historyNext
        },
        Binding(.prompt, [.ctrl("o")], nil, "edit the prompt in $EDITOR", hint: "$EDITOR", action: .openExternalEditor),
        Binding(.prompt, [.ctrl("a"), .ctrl("e")], "Ctrl-A/E", "start/end of line") { TextEditor.command(for: $0).map(AppAction.edit) },
        Binding(.prompt, [.ctrl("k"), .ctrl("u")], "Ctrl-K/U", "delete to line end/start") { TextEditor.command(for: $0).map(AppAction.edit) },
        Binding(.prompt, [.ctrl("w"), .alt("b"), .alt("f")], "Ctrl-W, Alt-B/F", "delete word; word left/right") { TextEditor.command(for: $0).map(AppAction.edit) },
        Binding(.prompt, [.ctrl("z")], nil, "undo", action: .edit(.undo)),
        // Leaving the editor is how plain keys (q, ?, r…) become commands again.
        Binding(.prompt, [KeyEvent(.escape)], "Esc", "leave the prompt (to the gallery)", action: .focus(.gallery)),

        // First among the panel's keys, so the status line always has room for it.
        Binding(.parameters, [.char("w")], nil, "sweep editor: X/Y/Z axes, same seed", hint: "sweep", action: .sweep(.openEditor)),
        Binding(.parameters, [KeyEvent(.up), KeyEvent(.down)], "Up/Down", "choose a parameter", hint: "choose") {
            .selectParameter(delta: $0.key == .up ? -1 : 1)
        },
        Binding(.parameters, [KeyEvent(.left), KeyEvent(.right), KeyEvent(.left, .shift), KeyEvent(.right, .shift),
                              KeyEvent(.left, .control), KeyEvent(.right, .control)],
                "Left/Right", "adjust (with Shift or Ctrl: in large steps)", hint: "adjust") {
            .adjustParameter(direction: $0.key == .left ? -1 : 1, coarse: !$0.modifiers.isEmpty)
        },
        Binding(.parameters, Array("0123456789.").map(KeyEvent.char), "0-9 then Enter", "type a number exactly (Esc cancels)", hint: "exact") { event in
            if case .character(let digit) = event.key { return .typeDigit(digit) }
            return nil
        },
        Binding(.parameters, [.char("l")], nil, "lock or unlock the seed", hint: "lock seed", action: .toggleSeedLock),
        Binding(.parameters, [.char("n")], nil, "draw a new random seed", hint: "new seed", action: .randomizeSeed),
        Binding(.parameters, [.char("g")], nil, "generate", hint: "generate", action: .submit),

        Binding(.jobs, [KeyEvent(.up), KeyEvent(.down)], "Up/Down", "choose a job", hint: "choose") {
            .selectJob(delta: $0.key == .up ? -1 : 1)
        },
        Binding(.jobs, [.char("c")], nil, "cancel the job (a sweep: its unfinished cells)", hint: "cancel", action: .cancelSelectedJob),
        Binding(.jobs, [.char("t")], nil, "retry failed/cancelled job (a sweep: those cells)", hint: "retry", action: .retrySelectedJob),
        Binding(.jobs, [KeyEvent(.enter), .char("o")], "Enter/o", "open the job's image (a sweep: its grid)", hint: "open", action: .openSelectedJob),

        Binding(.gallery, [KeyEvent(.up), KeyEvent(.down), KeyEvent(.left), KeyEvent(.right)], "arrows", "move") { event in
            switch event.key {
            case .up: return .moveGallerySelection(columns: 0, rows: -1)
            case .down: return .moveGallerySelection(columns: 0, rows: 1)
            case .left: return .moveGallerySelection(columns: -1, rows: 0)
            default: return .moveGallerySelection(columns: 1, rows: 0)
            }
        },
        Binding(.gallery, [KeyEvent(.pageUp), KeyEvent(.pageDown)], "PgUp/PgDn", "move a page") {
            .moveGalleryPage(delta: $0.key == .pageUp ? -1 : 1)
        },
        Binding(.gallery, [.char("/")], nil, "filter by prompt words and fields (seed:42 cfg:4)", hint: "filter", action: .startFilter),
        Binding(.gallery, [.char("l")], nil, "grid or list", hint: "grid/list", action: .toggleGalleryLayout),
        Binding(.gallery, [.ctrl("r"), KeyEvent(.function(5))], "Ctrl-R/F5", "refresh the listing", hint: "refresh", action: .refreshGallery),
        Binding(.gallery, [KeyEvent(.enter)], nil, "show in the preview", action: .focus(.preview)),

        // While the filter is typed, letters are text: these and the global keys with modifiers are its only keys.
        Binding(.filter, [KeyEvent(.enter), KeyEvent(.escape), KeyEvent(.tab), KeyEvent(.tab, .shift)], "Enter/Esc/Tab",
                "stop typing; the filter stays", hint: "done", action: .finishFilter),
        Binding(.filter, [.ctrl("u")], nil, "delete back to the start", hint: "delete back") { TextEditor.command(for: $0).map(AppAction.editFilter) },

        Binding(.preview, [.char("f"), KeyEvent(.enter)], "f/Enter", "full screen on/off", hint: "full screen", context: .outsideSweepGrid,
                action: .toggleFullScreen),
        // In a grid Enter opens the cell (SweepKeys), so the status line offers only f there.
        Binding(.preview, [.char("f")], nil, "sweep grid: full screen on/off", hint: "full screen", context: .sweepGrid, action: .toggleFullScreen),
        Binding(.preview, [.char("d")], nil, "download to this folder", hint: "download", action: .downloadSelected),
        Binding(.preview, [.char("y")], nil, "copy S3 URI (OSC 52)", hint: "copy URI", action: .copyURI),
        Binding(.preview, [.char("Y")], nil, "copy presigned URL", hint: "copy URL", action: .copyPresignedURL),
        Binding(.preview, [KeyEvent(.up), KeyEvent(.down), KeyEvent(.left), KeyEvent(.right)], "arrows",
                "sweep grid: move cell by cell (Enter opens it, Esc closes the grid)", hint: "cells", context: .sweepGrid) { event in
            switch event.key {
            case .up: return .sweep(.moveCell(dx: 0, dy: -1))
            case .down: return .sweep(.moveCell(dx: 0, dy: 1))
            case .left: return .sweep(.moveCell(dx: -1, dy: 0))
            default: return .sweep(.moveCell(dx: 1, dy: 0))
            }
        },
        Binding(.preview, [KeyEvent(.pageUp), KeyEvent(.pageDown)], "PgUp/PgDn", "sweep grid: previous/next Z grid", context: .sweepGrid) {
            .sweep(.nextPage(delta: $0.key == .pageUp ? -1 : 1))
        },
        Binding(.preview, [.char("c")], nil, "sweep grid: cancel the cell", hint: "cancel cell", context: .sweepGrid, action: .sweep(.cancelCell)),
        Binding(.preview, [.char("t")], nil, "sweep grid: retry the cell", hint: "retry cell", context: .sweepGrid, action: .sweep(.retryCell)),
        Binding(.preview, [KeyEvent(.escape)], "Esc", "back to the sweep grid the image was opened from", hint: "back to grid",
                context: .openedFromGrid, action: .sweep(.returnToGrid)),

        Binding(.images, [.char("r")], nil, "regenerate, same seed", hint: "same seed", action: .regenerate),
        Binding(.images, [.char("v")], nil, "variation, new seed", hint: "variation", action: .vary),
        Binding(.images, [.char("e")], nil, "load into the editor", hint: "edit", action: .loadIntoEditor),

        // In the prompt Ctrl-Z is undo; raw input sends no SIGTSTP, so the app stops itself.
        Binding(.outsidePrompt, [.ctrl("z")], nil, "suspend (fg resumes)", action: .suspend),
    ]

    private static func scopes(for focus: FocusArea) -> [Scope] {
        switch focus {
        case .prompt: return [.prompt]
        case .parameters: return [.parameters, .outsidePrompt]
        case .jobs: return [.jobs, .images, .outsidePrompt]
        case .gallery: return [.gallery, .images, .outsidePrompt]
        case .preview: return [.preview, .images, .outsidePrompt]
        }
    }

    /// Whether the gallery's filter is being typed (after `/`): its keys replace the panel's.
    static func isEditingFilter(_ state: AppState) -> Bool {
        state.focus == .gallery && state.gallery.isEditingFilter
    }

    /// Whether plain characters are text (the prompt, the filter), so `?` is no key for the help there.
    static func isTyping(_ state: AppState) -> Bool {
        state.focus == .prompt || isEditingFilter(state)
    }

    /// The bindings whose hints the status line shows for the focused panel: only those whose context holds (no
    /// sweep grid keys while no grid is open), and only the filter's while it is typed (the panel's letters would go into it, and Tab ends it).
    public static func hints(in state: AppState) -> [Binding] {
        let scopes = isEditingFilter(state) ? [.filter] : [.global] + scopes(for: state.focus)
        let shown = bindings.filter { $0.hint != nil && scopes.contains($0.scope) && $0.context.holds(in: state) }
        // A grid's own keys first: they are what the preview is for while it shows one, and a narrow status line
        // keeps only the first hints.
        let gridsOwn: Set<Context> = [.sweepGrid, .openedFromGrid]
        return shown.filter { gridsOwn.contains($0.context) } + shown.filter { !gridsOwn.contains($0.context) }
    }

    /// The first binding for `key` among `scopes`, taken in that order. While typing, plain characters are text:
    /// only the global keys with modifiers apply.
    private static func binding(for key: KeyEvent, in scopes: [Scope], typing: Bool) -> Binding? {
        for scope in scopes {
            if typing, scope == .global, case .character = key.key, key.modifiers.isEmpty { continue }
            if let binding = bindings.first(where: { $0.scope == scope && $0.keys.contains(key) }) { return binding }
        }
        return nil
    }

    /// A screen too small for the panels shows only the size it needs, so a key that acted on a hidden panel would
    /// run a job or cancel one unseen: Ctrl-C alone works there, and its question (shown on that screen) takes y/n.
    private static func tooSmallAction(for key: KeyEvent, in state: AppState) -> AppAction? {
        if case .confirmQuit = state.overlay { return quitAnswer(for: key) }
        return key == .ctrl("c") ? .requestQuit : nil
    }

    private static func quitAnswer(for key: KeyEvent) -> AppAction? {
        if key == .char("y") || key == .char("Y") { return .confirmQuit }
        return key == KeyEvent(.escape) || key == .char("n") || key == .char("N") ? .dismiss : nil
    }

    /// The action for a key in the current state, or nil when the key does nothing there.
    public static func action(for key: KeyEvent, in state: AppState) -> AppAction? {
        guard state.showsPanels else { return tooSmallAction(for: key, in: state) }
        if let action = SweepKeys.action(for: key, in: state) { return action }
        switch state.overlay {
        case .help:
            switch key {
            case KeyEvent(.pageDown), KeyEvent(.down), KeyEvent(.right), .char(" "): return .helpPage(delta: 1)
            case KeyEvent(.pageUp), KeyEvent(.up), KeyEvent(.left): return .helpPage(delta: -1)
            default: return .toggleHelp
            }
        case .confirmQuit:
            return quitAnswer(for: key)
        case .notices:
            return .dismiss
        case nil:
            break
        }
        if isEditingFilter(state) {
            // The filter's own keys first: Tab ends it rather than moving to the next panel.
            if let binding = binding(for: key, in: [.filter, .global], typing: true) { return binding.action(key) }
            return TextEditor.command(for: key).map(AppAction.editFilter)
        }
        if key == KeyEvent(.escape), state.preview.isFullScreen {
            return .toggleFullScreen
        }
        let typing = state.focus == .prompt
        if let binding = binding(for: key, in: [.global] + scopes(for: state.focus), typing: typing) { return binding.action(key) }
        if state.focus == .parameters, state.parameters.typedNumber != nil {
            if key == KeyEvent(.enter) { return .commitTypedNumber }
            if key == KeyEvent(.escape) { return .cancelTypedNumber }
            if TextEditor.command(for: key) == .deleteBackward { return .eraseTypedDigit }
        }
        if typing, let command = TextEditor.command(for: key) {
            return .edit(command)
        }
        return nil
    }
}
