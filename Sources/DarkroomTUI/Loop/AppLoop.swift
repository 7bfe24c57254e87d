import DarkroomTerminal
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#endif

/// The UI thread's loop: wait for something to happen, apply actions through the reducer, hand effects to the
/// runner (or perform the few that need the terminal), render and present. The only code that touches the screen.
///
/// It sleeps in poll(2) until key input, a finished effect (the inbox's pipe), a signal (the relay's pipe) or a
/// timer the state asked for (a running job's spinner, a status message's expiry); it never wakes on a fixed tick,
/// so an idle app costs nothing and a result is painted as soon as it is posted.
public final class AppLoop {
    public private(set) var state: AppState
    private let screen: any TerminalScreen
    private let runner: EffectRunner
    private let inbox: ActionInbox
    private let signals: SignalRelay?
    /// Pictures in pixels (kitty, sixel, iTerm2); nil draws every image in blocks.
    private var graphics: AppGraphics?
    /// The capability probe's answers still owed when the app started (they missed its deadline), and what starts
    /// pixels once they have come and show the terminal can draw them.
    private var lateAnswers: LateAnswers?
    private let startGraphics: (TerminalCapabilities) -> AppGraphics?
    /// Called after the first frame is on screen (the bench measures time to first paint with it).
    public var onFirstPaint: (() -> Void)?
    /// The signal that ended the loop (hang-up, termination), for the caller to raise again once the terminal is
    /// restored; nil when the user quit.
    public private(set) var endingSignal: Int32?
    /// What could not be saved when the loop ended, for the caller to report once the terminal is restored.
    public private(set) var exitProblems: [String] = []
    /// How many times the loop woke (input, a result, a timer, a signal).
    public private(set) var wakeUps = 0
    private var painted = false
    /// Consecutive wake-ups with the terminal readable but no input in it: a terminal at end of file.
    private var emptyReads = 0

    /// `signals` relays the process's signals (the app's); tests and the bench run without one.
    public init(screen: any TerminalScreen, state: AppState, runner: EffectRunner, inbox: ActionInbox, signals: SignalRelay? = nil,
                graphics: AppGraphics? = nil, lateAnswers: LateAnswers? = nil,
                startGraphics: @escaping (TerminalCapabilities) -> AppGraphics? = { _ in nil }) {
        self.screen = screen
        self.state = state
        self.runner = runner
        self.inbox = inbox
        self.signals = signals
        self.graphics = graphics
        self.lateAnswers = lateAnswers
        self.startGraphics = startGraphics
    }

    /// Runs until the user quits or a signal ends the app, or until `stop` returns true for the state (tests) or
    /// `deadline` passes.
    @discardableResult
    public func run(initialActions: [AppAction] = [.refreshGallery], deadline: Date = .distantFuture,
                    stop: (AppState) -> Bool = { _ in false }) -> AppState {
        let (width, height) = screen.size
        dispatch(.resize(width: width, height: height))
        dispatch(.tick(Date()))
        present()
        for action in initialActions { dispatch(action) }
        var changed = !initialActions.isEmpty
        var inputReady = false
        var timer: Date?
        while true {
            // The clock first: what happens now (a message shown, a job started) is stamped with this wake-up's time.
            dispatch(.tick(Date()))
            for signal in signals?.drain() ?? [] {
                changed = handle(signal: signal) || changed
            }
            // Everything queued is applied before painting, so fast typing or a paste paints once.
            var read = false
            while !state.isQuitting, endingSignal == nil, let input = screen.nextInput(timeoutMilliseconds: 0) {
                read = true
                changed = handle(input) || changed
            }
            noteTerminalRead(ready: inputReady, read: read)
            for action in inbox.drain() {
                if case .pixelsEncoded(let result) = action {
                    graphics?.received(result)
                } else {
                    dispatch(action)
                }
                changed = true
            }
            if let timer, Date() >= timer { changed = true }
            if changed {
                dispatch(.tick(Date()))
                present()
            }
            if state.isQuitting || endingSignal != nil || stop(state) { break }
            let now = Date()
            guard now < deadline else { break }
            timer = [state.nextTimer(after: now), graphics?.nextDeadline(after: now)].compactMap { $0 }.min()
            inputReady = wait(until: [timer, deadline].compactMap { $0 }.min())
            wakeUps += 1
            changed = false
        }
        // Saved before the running jobs are cancelled: they stay "running" in the file and come back interrupted.
        exitProblems = runner.saveNow(jobs: state.jobsToSave, history: state.prompt.history.entries)
        runner.cancelAll()
        return state
    }

    /// Sleeps until the terminal, the inbox or the signal relay is readable, or `wake` passes; whether the terminal
    /// was readable. A hung-up terminal ends the loop as SIGHUP would.
    private func wait(until wake: Date?) -> Bool {
        var descriptors = [pollfd(fd: inbox.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        if let relay = signals { descriptors.append(pollfd(fd: relay.wakeDescriptor, events: Int16(POLLIN), revents: 0)) }
        let input = screen.inputDescriptor
        if let input { descriptors.append(pollfd(fd: input, events: Int16(POLLIN), revents: 0)) }
        var ready: Int32
        repeat {
            var timeout: Int32 = -1
            if let wake {
                // Rounded up: waking a little early would find the timer not yet due and sleep again for nothing.
                timeout = Int32(clamping: Int(max(0, (wake.timeIntervalSinceNow * 1000).rounded(.up))))
            }
            ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
            // A signal with a handler (SIGCHLD from a child, say) interrupts poll; the ones the app acts on arrive
            // through the relay's pipe, so an interruption alone is no reason to wake.
        } while ready < 0 && errno == EINTR
        guard ready > 0, input != nil, let last = descriptors.last else { return false }
        if last.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0, last.revents & Int16(POLLIN) == 0 {
            endingSignal = SIGHUP
        }
        return last.revents & Int16(POLLIN) != 0
    }

    /// A terminal that stays readable with nothing to read is at end of file (its other side closed without a
    /// hang-up signal reaching us, or SIGHUP ignored): end as on a hang-up instead of spinning.
    private func noteTerminalRead(ready: Bool, read: Bool) {
        guard ready, !read else {
            emptyReads = 0
            return
        }
        emptyReads += 1
        if emptyReads >= 100 { endingSignal = SIGHUP }
    }

    private func handle(signal: Int32) -> Bool {
        switch signal {
        case SIGWINCH:
            leaveScreen()
            graphics?.terminalResized()
            let (width, height) = screen.terminalResized()
            dispatch(.resize(width: width, height: height))
            return true
        case SIGCONT:
            // Continued after a stop (ours or anyone's): what the terminal shows now is not what curses remembers.
            leaveScreen()
            screen.resume()
            return true
        case SIGTSTP:
            suspend()
            return true
        default:
            endingSignal = signal
            return false
        }
    }

    /// Ctrl-Z outside the prompt editor, or SIGTSTP from outside: the terminal goes back to the shell and the
    /// process stops as in any program; `fg` continues it here with a full redraw.
    private func suspend() {
        leaveScreen()
        screen.suspend()
        signals?.stopProcess()
        screen.resume()
    }

    /// Takes every picture off the screen (before a resize, a suspend, the editor, and when the app ends: kitty
    /// keeps pictures in its memory until deleted); the next frame draws them again.
    public func leaveScreen() {
        guard let bytes = graphics?.leaveScreen(), !bytes.isEmpty else { return }
        screen.writePassThrough(bytes)
    }

    private func handle(_ input: InputEvent) -> Bool {
        switch input {
        case .resize(let width, let height):
            leaveScreen()
            graphics?.terminalResized()
            dispatch(.resize(width: width, height: height))
            return true
        case .key(let key):
            guard let action = KeyMap.action(for: key, in: state) else { return false }
            dispatch(action)
            return true
        case .paste(let text):
            dispatch(.paste(text))
            return true
        case .mouse(let event):
            let actions = MouseMap.actions(for: event, in: state)
            for action in actions { dispatch(action) }
            return !actions.isEmpty
        case .terminalReport(let report):
            return takeLateAnswer(report)
        }
    }

    /// One of the probe's answers that came after its deadline (a slow link, a terminal still starting). Once they
    /// are all in, and they show the terminal draws pixels, pictures move from blocks to pixels, and the status line
    /// says so as it does at the start. Any other report is dropped.
    private func takeLateAnswer(_ report: [UInt8]) -> Bool {
        guard let capabilities = lateAnswers?.add(report: report) else { return false }
        lateAnswers = nil
        guard graphics == nil, let started = startGraphics(capabilities) else { return false }
        graphics = started
        dispatch(.showMessage(.imageMode(capabilities, on: screen)))
        return true
    }

    /// Applies an action and performs its effects.
    public func dispatch(_ action: AppAction) {
        for effect in AppReducer.reduce(&state, action) {
            switch effect {
            case .openExternalEditor(let text):
                leaveScreen()
                dispatch(.externalEditorFinished(ExternalEditor.edit(text, screen: screen)))
            case .copyToClipboard(let text):
                screen.writePassThrough(OSC52.sequence(copying: text))
            case .suspend:
                suspend()
            case .quit:
                break
            default:
                runner.perform(effect)
            }
        }
    }

    private func present() {
        var frame = AppView.render(state)
        if let graphics {
            let (pictures, covered) = graphics.frame(for: state)
            // The cells under a picture stay blank: no block picture or text shows through a transparent edge.
            for rect in covered { frame.fill(rect) }
            screen.present(frame, graphics: pictures)
        } else {
            screen.present(frame)
        }
        if !painted {
            painted = true
            onFirstPaint?()
        }
    }
}
