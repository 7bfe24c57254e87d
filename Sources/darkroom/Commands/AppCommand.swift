import ArgumentParser
import DarkroomTUI
import Foundation

/// `darkroom` with no arguments: the terminal app.
struct AppCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "app",
        abstract: "Open the terminal studio (the default): write prompts, run jobs, browse and regenerate images.",
        discussion: """
            With no settings it runs the local stack in-process: images are made by the local preview engine \
            (procedural, not a diffusion model) and stored under $XDG_DATA_HOME/darkroom. Settings may also \
            live in $XDG_CONFIG_HOME/darkroom/config as `key = value` lines (backend, endpoint, bucket, \
            profile, region, concurrency); options here win. Press ? (F1 in the prompt) inside the app for keys.
            """
    )

    @OptionGroup(title: "Backend")
    var backend: BackendOptions

    @Option(help: "How many jobs run at once.")
    var concurrency: Int?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var (settings, _, problems) = backend.settings(environment: environment)
        settings.concurrency = concurrency ?? settings.concurrency
        try TerminalApp.run(configuration: settings, problems: problems, environment: environment)
    }
}
