import ArgumentParser
import DarkroomTUI

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

    @Option(help: "Where jobs run: local, api or bedrock.")
    var backend: AppConfiguration.Backend?

    @Option(help: "The API Gateway endpoint URL (with --backend api).")
    var endpoint: String?

    @Option(help: "The S3 bucket the gallery lists and Bedrock results are stored in.")
    var bucket: String?

    @Option(help: "The AWS profile to use.")
    var profile: String?

    @Option(help: "The AWS region to use.")
    var region: String?

    @Option(help: "How many jobs run at once.")
    var concurrency: Int?

    func run() throws {
        let options = AppConfiguration(backend: backend, endpoint: endpoint, bucket: bucket, profile: profile, region: region,
                                       concurrency: concurrency)
        try TerminalApp.run(options: options)
    }
}

extension AppConfiguration.Backend: ExpressibleByArgument {}
