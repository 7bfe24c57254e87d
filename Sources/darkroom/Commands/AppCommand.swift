import ArgumentParser
import DarkroomSetup
import DarkroomTUI
import DarkroomTerminal

/// `darkroom` with no arguments: the terminal app.
struct AppCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "app",
        abstract: "Open the terminal studio (the default): write prompts, run jobs, browse and regenerate images.",
        discussion: """
            With no settings it runs the local stack in-process: images are made by the local preview engine \
            (procedural, not a diffusion model) and stored under $XDG_DATA_HOME/darkroom. Settings may also \
            live in $XDG_CONFIG_HOME/darkroom/config as `key = value` lines (backend, endpoint, bucket, \
            profile, region, concurrency, graphics, mouse, auth, api_key, sweep_max_images, sweep_confirm_over); options here win. Press ? (F1 in the prompt) inside the app for keys.
            """
    )

    @OptionGroup(title: "Backend")
    var backend: BackendOptions

    @Option(parsing: .unconditional, help: "How many jobs run at once.")
    var concurrency: Int?

    @Option(help: "How images are drawn: auto (ask the terminal), kitty, sixel, iterm2 or blocks (default: the config file's `graphics`, else $DARKROOM_GRAPHICS, else auto).")
    var graphics: GraphicsPreference?

    @Option(help: "Clicks and the wheel: on, or off to leave the mouse to the terminal, whose selection then needs no Shift (default: the config file's `mouse`, else $DARKROOM_MOUSE, else on).")
    var mouse: Settings.Mouse?

    func validate() throws {
        if let problem = SettingsLayer(concurrency: concurrency).validationProblem() { throw ValidationError(problem.description) }
    }

    func run() async throws {
        let options = backend.layer.overridden(by: SettingsLayer(concurrency: concurrency, graphics: graphics, mouse: mouse))
        try await Setup.resolve(options: options).runApp()
    }
}

extension GraphicsPreference: ExpressibleByArgument {}
extension Settings.Mouse: ExpressibleByArgument {}
