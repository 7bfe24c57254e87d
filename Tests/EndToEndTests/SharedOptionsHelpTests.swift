import Foundation
import Testing
import DarkroomTestSupport

/// Options shared by several commands are declared once: each command's help describes them in the same words.
struct SharedOptionsHelpTests {
    static func help(_ command: String) async throws -> String {
        let help = try await Subprocess.run([BuiltProducts.executable("darkroom").path, command, "--help"], environment: ["COLUMNS": "100"])
        #expect(help.status == 0, "\(help.output)")
        return help.standardOutput
    }

    /// The text from `start` up to the line where `isEnd` first holds (or the end).
    static func excerpt(of text: String, from start: String, until isEnd: (Substring) -> Bool) throws -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex { $0.hasPrefix(start) }, "no `\(start)` in:\n\(text)")
        let end = lines[(first + 1)...].firstIndex(where: isEnd) ?? lines.endIndex
        return lines[first..<end].joined(separator: "\n")
    }

    @Test func theAppDoctorAndGenerateListTheSameBackendOptions() async throws {
        var sections: [String: String] = [:]
        for command in ["app", "doctor", "generate"] {
            sections[command] = try Self.excerpt(of: try await Self.help(command), from: "BACKEND:") { $0.isEmpty }
        }
        let app = try #require(sections["app"])
        for option in ["--backend <backend>", "--endpoint <endpoint>", "--bucket <bucket>", "--profile <profile>", "--region <region>"] {
            #expect(app.contains(option))
        }
        #expect(sections["doctor"] == app)
        #expect(sections["generate"] == app)
    }

    @Test func generateInfoAndServeDescribeTheDataFolderAlike() async throws {
        var entries: [String] = []
        for command in ["generate", "info", "serve"] {
            entries.append(try Self.excerpt(of: try await Self.help(command), from: "  --data <data>") { $0.hasPrefix("  -") || $0.isEmpty })
        }
        #expect(entries[0].contains("bucket/ subfolder"))
        #expect(entries.allSatisfy { $0 == entries[0] }, "\(entries)")
    }

    /// `generate` takes some twenty options: its help sets them under headings by what they do, as `git` and
    /// `docker` do, rather than in one list.
    /// `darkroom --help` lists the commands under headings by what they are for, in the order a newcomer meets them
    /// (it was one alphabetical list that began with dead-letters), and every command is under one of them.
    @Test func theCommandsAreListedByWhatTheyAreFor() async throws {
        let run = try await Subprocess.run([BuiltProducts.executable("darkroom").path, "--help"], environment: ["COLUMNS": "100"])
        #expect(run.status == 0, "\(run.output)")
        func commands(under heading: String) throws -> [String] {
            try Self.excerpt(of: run.standardOutput, from: heading) { $0.isEmpty }.split(separator: "\n").dropFirst()
                .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }.map { String($0.split(separator: " ")[0]) }
        }
        #expect(try commands(under: "SUBCOMMANDS:") == ["app"])
        #expect(try commands(under: "IMAGE SUBCOMMANDS:") == ["generate", "ls", "get", "show", "info"])
        #expect(try commands(under: "BACKEND SUBCOMMANDS:") == ["serve", "doctor", "dead-letters"])
    }

    @Test func generatesHelpGroupsItsOptionsByWhatTheyDo() async throws {
        let help = try await Self.help("generate")
        let sections = ["IMAGE PARAMETERS:", "SWEEPS:", "BACKEND:", "OPTIONS:"]
        let starts = try sections.map { heading in try #require(help.range(of: "\n\(heading)\n")?.lowerBound, "no \(heading) in:\n\(help)") }
        #expect(starts == starts.sorted(), "headings out of order:\n\(help)")
        func section(_ heading: String) throws -> String {
            try Self.excerpt(of: help, from: heading) { $0.isEmpty }
        }
        let image = try section("IMAGE PARAMETERS:")
        for option in ["--negative-prompt", "--seed", "--steps", "--cfg-scale", "--size", "--model", "--style-preset", "--sampler"] {
            #expect(image.contains("  \(option) <"), "\(option) not under IMAGE PARAMETERS:\n\(image)")
        }
        let sweeps = try section("SWEEPS:")
        for option in ["--sweep <axis>", "--prompts <file>", "--sheet <file>", "--yes"] {
            #expect(sweeps.contains("  \(option)"), "\(option) not under SWEEPS:\n\(sweeps)")
        }
        let options = try section("OPTIONS:")
        #expect(options.contains("--data <data>") && options.contains("--json") && !options.contains("--seed"), "\(options)")
    }
}
