import DarkroomCore
import DarkroomImaging
import DarkroomTerminal
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#endif

/// Starts the app on the real terminal: saved history, the ncurses screen and the loop.
public enum TerminalApp {
    /// Throws unless standard input and output are a terminal: drawing a screen into a pipe or file helps no
    /// one, and reading keys from one would act on whatever it holds. Checked before anything is set up.
    public static func requireInteractive() throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notInteractive }
    }

    /// Runs until the user quits, or until a hang-up or termination signal ends it (the signal is then raised
    /// again once the terminal is restored, so the parent sees it). Throws only when the terminal itself cannot be used.
    public static func run(_ launch: AppLaunch) throws {
        try requireInteractive()
        TerminalLocale.activate(environment: launch.environment)
        // The terminal capability probe, before ncurses owns the terminal: the same colour depth `show` and
        // `doctor` use. Where it finds 24-bit colour that $TERM's terminfo entry does not declare (COLORTERM,
        // the Tc flag), curses runs on the matching direct-colour entry so image cells get their exact colours.
        let (capabilities, lateAnswers) = CapabilityProbe.runAwaitingLateAnswers(environment: launch.environment, preference: launch.graphics)
        // A slow terminal's replies that missed the deadline come later as input, where the key decoder hands them to
        // the loop as reports (never keys) and the loop decides again with them.
        TerminalQuery.finishLateReplies(waitingUpTo: .zero)
        let directType = TerminfoEntry.cursesEntry(for: launch.environment["TERM"] ?? "", colorMode: capabilities.colorMode)
        // Before ncurses, which then leaves these signals to us (it only takes the ones still at their default).
        let signals = SignalRelay()
        let screen = try NcursesScreen(colorLimit: capabilities.colorMode, terminalType: directType,
                                       escapeDelay: NcursesScreen.escapeDelay(environment: launch.environment),
                                       reportsMouse: launch.reportsMouse)
        let theme = Theme(colorMode: screen.colorMode, unicode: screen.isUnicode, terminalBackground: capabilities.background,
                          cellAspect: capabilities.cellAspect)
        let now = Date()
        let files = launch.services.files
        let (savedJobs, jobsProblem) = files.jobs.restore(now: now)
        let (history, historyProblem) = files.history.restore(now: now)
        let jobs = GenerationJobs(restoring: savedJobs, concurrency: launch.concurrency, now: now)
        var state = AppState(screen: screen.size, theme: theme, connection: launch.connection, now: now,
                             history: history, jobs: jobs)
        // Jobs still running when the last session ended (a dropped connection, a signal) come back failed.
        let interrupted = savedJobs.count { !$0.state.isFinished }
        let interruptedNote = interrupted == 0 ? nil
            : "\(interrupted == 1 ? "1 job was" : "\(interrupted) jobs were") interrupted when darkroom last ended; t in Jobs retries."
        let problems = launch.problems + [jobsProblem, historyProblem].compactMap { $0 }
        if !problems.isEmpty { state.overlay = .notices(problems) }
        if let interruptedNote {
            state.message = StatusMessage(interruptedNote)
        } else {
            // Said once at the start: which image mode is active and how to change it.
            state.message = .imageMode(capabilities, on: screen)
        }
        state.sweeps.limits = launch.sweepLimits
        state.reportsMouse = screen.reportsMouse
        let inbox = ActionInbox()
        let runner = EffectRunner(services: launch.services, inbox: inbox, theme: theme)
        let startGraphics = { (capabilities: TerminalCapabilities) -> AppGraphics? in
            guard let encoder = GraphicsRenderer.encoder(for: capabilities), let cell = capabilities.cellPixels else { return nil }
            return AppGraphics(capabilities: capabilities, encoder: encoder, cellPixels: cell, services: launch.services, inbox: inbox)
        }
        let loop = AppLoop(screen: screen, state: state, runner: runner, inbox: inbox, signals: signals, graphics: startGraphics(capabilities),
                           lateAnswers: lateAnswers, startGraphics: startGraphics)
        loop.run()
        loop.leaveScreen()
        screen.close()
        // Saving at the end happens on the way out; with the screen gone, a failure can only be said here.
        for problem in loop.exitProblems { StandardStreams.writeError("darkroom: \(problem)\n") }
        // Ended by a hang-up or a termination request: end by that signal too, so the parent (a shell, tmux, sshd)
        // sees why (a shell reports 128 + the signal).
        if let signal = loop.endingSignal { signals.terminate(by: signal) }
        signals.uninstall()
    }
}
