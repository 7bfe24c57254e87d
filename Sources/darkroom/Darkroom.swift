import ArgumentParser
import DarkroomCore

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

extension Darkroom {
    /// The program's start: output that could not be written fails the run (`darkroom ls > /dev/full` exits 1 and
    /// says why), then ArgumentParser parses and runs the command.
    static func main() async {
        StandardStreams.occupyClosedDescriptors()
        StandardStreams.reportLostOutputAtExit()
        await main(nil)
    }
}
