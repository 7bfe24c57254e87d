import DarkroomCore
import DarkroomImaging
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Starts the app on the real terminal: settings, services, saved history, the ncurses screen and the loop.
public enum TerminalApp {
    /// Runs until the user quits with `configuration` (options, config file and environment already merged);
    /// the first of `problems` (config file lines that could not be used) shows in the status line. Throws only
    /// when the terminal itself cannot be used.
    public static func run(
        configuration: AppConfiguration, problems: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        // Drawing a screen into a pipe or file helps no one, and reading keys from one would act on whatever it holds.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notInteractive }
        setlocale(LC_ALL, "")
        let folders = DataFolders(environment: environment)
        var problems = problems
        let downloadFolder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let setup = try BackendSetup.make(configuration: configuration, folders: folders, environment: environment,
                                          downloadFolder: downloadFolder)
        if let problem = setup.problem { problems.insert(problem, at: 0) }

        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        // Before ncurses, which then leaves these signals to us (it only takes the ones still at their default).
        let signals = SignalRelay()
        let screen = try NcursesScreen(colorLimit: noColor ? ColorMode.none : nil)
        let theme = Theme(colorMode: screen.colorMode, unicode: screen.isUnicode)
        let now = Date()
        let jobs = GenerationJobs(restoring: folders.jobsFile.load(), concurrency: configuration.concurrency ?? 2, now: now)
        var state = AppState(screen: screen.size, theme: theme, connection: setup.connection, now: now,
                             history: folders.historyFile.load(), jobs: jobs)
        if let first = problems.first { state.message = StatusMessage(first, isError: true) }
        let inbox = ActionInbox()
        let runner = EffectRunner(services: setup.services, inbox: inbox, theme: theme)
        let loop = AppLoop(screen: screen, state: state, runner: runner, inbox: inbox, signals: signals)
        loop.run()
        screen.close()
        // Ended by a hang-up or a termination request: end by that signal too, so the parent (a shell, tmux, sshd)
        // sees why (a shell reports 128 + the signal).
        if let signal = loop.endingSignal { signals.terminate(by: signal) }
        signals.uninstall()
    }
}
