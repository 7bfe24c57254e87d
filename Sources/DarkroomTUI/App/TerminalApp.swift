import DarkroomCore
import DarkroomImaging
import Foundation

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

    /// Runs until the user quits. Throws only when the terminal itself cannot be used.
    public static func run(_ launch: AppLaunch) throws {
        try requireInteractive()
        setlocale(LC_ALL, "")
        // The terminal capability probe's seam: `launch.graphics` and `launch.environment` are its inputs.
        // Today colour depth comes from terminfo (NcursesScreen), capped by NO_COLOR.
        let noColor = launch.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let screen = try NcursesScreen(colorLimit: noColor ? ColorMode.none : nil)
        defer { screen.close() }
        let theme = Theme(colorMode: screen.colorMode, unicode: screen.isUnicode)
        let now = Date()
        let files = launch.services.files
        let jobs = GenerationJobs(restoring: files.jobs.load(), concurrency: launch.concurrency, now: now)
        var state = AppState(screen: screen.size, theme: theme, connection: launch.connection, now: now,
                             history: files.history.load(), jobs: jobs)
        if let first = launch.problems.first { state.message = StatusMessage(first, isError: true) }
        let inbox = ActionInbox()
        let runner = EffectRunner(services: launch.services, inbox: inbox, theme: theme)
        AppLoop(screen: screen, state: state, runner: runner, inbox: inbox).run()
    }
}
