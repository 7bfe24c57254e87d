import ArgumentParser
import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

@main
struct Darkroom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "darkroom",
        abstract: "A terminal studio for serverless image generation.",
        // BuildInfo is generated at build time by Plugins/BuildInfoPlugin (VERSION, git describe).
        version: "darkroom \(BuildInfo.version) (commit \(BuildInfo.commit))",
        // Under headings by what they are for, in the order a newcomer meets them, rather than one alphabetical list.
        subcommands: [AppCommand.self],
        groupedSubcommands: [
            CommandGroup(name: "Image", subcommands: [
                GenerateCommand.self, ListCommand.self, GetCommand.self, ShowCommand.self, InfoCommand.self,
            ]),
            CommandGroup(name: "Backend", subcommands: [ServeCommand.self, DoctorCommand.self, DeadLettersCommand.self]),
        ],
        defaultSubcommand: AppCommand.self
    )
}

extension Darkroom {
    /// The program's start: output that could not be written fails the run (`darkroom ls > /dev/full` exits 1 and
    /// says why), children's endings are collected even under a parent that ignored SIGCHLD, then ArgumentParser
    /// parses and runs the command, as its own `main` does, except for how an error is printed (`exit(reporting:)`).
    static func main() async {
        StandardStreams.occupyClosedDescriptors()
        InheritedSignals.collectChildEndings()
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
    /// "Unexpected argument" under the app's usage; it is a mistyped command, so say that, and offer the likely one.
    /// `darkroom help NAME` is checked the same way.
    private static func refuseUnknownCommand(_ arguments: [String]) throws {
        guard var first = arguments.first, !first.hasPrefix("-") else { return }
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
        let commands = names.dropLast()
        // `darkroom help nothing` printed the main help and exited 0, as if the command existed.
        if first == "help" {
            guard arguments.count > 1, !arguments[1].hasPrefix("-") else { return }
            first = arguments[1]
        }
        guard !names.contains(first) else { return }
        let suggestion = closest(to: first, among: commands).map { " Did you mean '\($0)'?" } ?? ""
        throw ValidationError("Unknown command '\(first)'.\(suggestion) The commands are \(commands.joined(separator: ", ")); see darkroom --help.")
    }

    /// The command a typo most likely meant: the one fewest edits away (a letter added, dropped, changed, or two
    /// swapped), when that is at most one edit in four letters; nil when none is that close.
    private static func closest(to typed: String, among names: some Sequence<String>) -> String? {
        let typed = Array(typed.lowercased())
        return names.map { name in (name, editDistance(typed, Array(name))) }
            .filter { name, distance in distance <= max(1, name.count / 4) }
            .min { $0.1 < $1.1 }?.0
    }

    /// Optimal string alignment distance (Levenshtein with adjacent transpositions).
    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
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
        Glibc.exit(code.rawValue)
    }
}
