import ArgumentParser

@main
struct Darkroom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "darkroom",
        abstract: "A terminal studio for serverless image generation.",
        // BuildInfo is generated at build time by Plugins/BuildInfoPlugin (VERSION, git describe).
        version: "darkroom \(BuildInfo.version) (commit \(BuildInfo.commit))",
        subcommands: [
            AppCommand.self,
            DeadLettersCommand.self,
            DoctorCommand.self,
            GenerateCommand.self,
            GetCommand.self,
            InfoCommand.self,
            ListCommand.self,
            ServeCommand.self,
            ShowCommand.self,
        ],
        defaultSubcommand: AppCommand.self
    )
}
