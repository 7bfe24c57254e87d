import ArgumentParser
import DarkroomCore
import Foundation

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
    /// says why), then ArgumentParser parses and runs the command, as its own `main` does, except for how an
    /// error is printed (`exit(reporting:)`).
    static func main() async {
        StandardStreams.occupyClosedDescriptors()
        StandardStreams.reportLostOutputAtExit()
        do {
            try refuseUnknownCommand(Array(CommandLine.arguments.dropFirst()))
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(reporting: error)
        }
    }

    /// A first word that names no command (`darkroom lss`) went to the default command, the app, which said
    /// "Unexpected argument" under the app's usage; it is a mistyped command, so say that.
    private static func refuseUnknownCommand(_ arguments: [String]) throws {
        guard let first = arguments.first, !first.hasPrefix("-") else { return }
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
        guard !names.contains(first) else { return }
        throw ValidationError("Unknown command '\(first)'. The commands are \(names.dropLast().joined(separator: ", ")); see darkroom --help.")
    }

    /// ArgumentParser's `exit(withError:)` with the error's control characters made visible (`\u{1B}`): an error
    /// quotes what a person or a file gave (a file name, a key, a config value, an argument), and an escape
    /// sequence in it must not reach the terminal, retitle the window or recolour what follows.
    private static func exit(reporting error: any Error) -> Never {
        let code = (error as? CommandFailure)?.exitCode ?? exitCode(for: error)
        let text = fullMessage(for: error)
        if code == .success {
            // Help, the version, completion scripts: darkroom's own text, for standard output.
            if !text.isEmpty { print(text) }
        } else if !text.isEmpty {
            StandardStreams.writeError(text.escapingControlCharacters() + "\n")
        }
        Foundation.exit(code.rawValue)
    }
}
