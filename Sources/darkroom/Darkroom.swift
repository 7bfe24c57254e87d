import ArgumentParser

@main
struct Darkroom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "darkroom",
        abstract: "A terminal studio for serverless image generation.",
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
