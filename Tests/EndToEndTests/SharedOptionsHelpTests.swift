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
}
