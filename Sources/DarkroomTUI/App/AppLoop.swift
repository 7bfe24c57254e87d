import Foundation

/// The UI thread's loop: read input, apply actions through the reducer, hand effects to the runner (or perform
/// the few that need the terminal), render and present. The only code that touches the screen.
public final class AppLoop {
    public private(set) var state: AppState
    private let screen: any TerminalScreen
    private let runner: EffectRunner
    private let inbox: ActionInbox
    /// Called after the first frame is on screen (the bench measures time to first paint with it).
    public var onFirstPaint: (() -> Void)?
    /// How long to wait for input before checking on background work.
    public var pollMilliseconds = 50
    private var painted = false

    public init(screen: any TerminalScreen, state: AppState, runner: EffectRunner, inbox: ActionInbox) {
        self.screen = screen
        self.state = state
        self.runner = runner
        self.inbox = inbox
    }

    /// Runs until the user quits, or until `stop` returns true for the state (tests) or `deadline` passes.
    @discardableResult
    public func run(initialActions: [AppAction] = [.refreshGallery], deadline: Date = .distantFuture,
                    stop: (AppState) -> Bool = { _ in false }) -> AppState {
        let (width, height) = screen.size
        dispatch(.resize(width: width, height: height))
        present()
        for action in initialActions { dispatch(action) }
        while !state.isQuitting, !stop(state), Date() < deadline {
            var changed = false
            if let input = screen.nextInput(timeoutMilliseconds: pollMilliseconds) {
                changed = handle(input)
                // Drain queued keystrokes before painting, so fast typing or pasting paints once.
                while let next = screen.nextInput(timeoutMilliseconds: 0) {
                    changed = handle(next) || changed
                }
            }
            for action in inbox.drain() {
                dispatch(action)
                changed = true
            }
            dispatch(.tick(Date()))
            if changed || needsAnimation { present() }
        }
        runner.cancelAll()
        return state
    }

    /// A running job's spinner and elapsed time, or a message still on the status line, need repainting.
    private var needsAnimation: Bool {
        state.jobs.queue.runningCount > 0
            || (state.message != nil && state.now.timeIntervalSince(state.messageShownAt) <= StatusLineView.messageSeconds + 1)
    }

    private func handle(_ input: InputEvent) -> Bool {
        switch input {
        case .resize(let width, let height):
            dispatch(.resize(width: width, height: height))
            return true
        case .key(let key):
            guard let action = KeyMap.action(for: key, in: state) else { return false }
            dispatch(action)
            return true
        }
    }

    /// Applies an action and performs its effects.
    public func dispatch(_ action: AppAction) {
        for effect in AppReducer.reduce(&state, action) {
            switch effect {
            case .openExternalEditor(let text):
                dispatch(.externalEditorFinished(ExternalEditor.edit(text, screen: screen)))
            case .copyToClipboard(let text):
                screen.writePassThrough(OSC52.sequence(copying: text))
            case .quit:
                break
            default:
                runner.perform(effect)
            }
        }
    }

    private func present() {
        screen.present(AppView.render(state))
        if !painted {
            painted = true
            onFirstPaint?()
        }
    }
}
