import ArgumentParser

@main
struct Darkroom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "darkroom",
        abstract: "A terminal studio for serverless image generation.",
        subcommands: [
            BenchCommand.self,
            InfoCommand.self,
            ShowCommand.self,
        ]
    )
}
