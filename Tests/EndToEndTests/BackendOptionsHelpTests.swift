import Foundation
import Testing
import DarkroomTestSupport

/// The app, `doctor` and `generate` take the same backend options, described once: their help sections match.
@Test func theAppDoctorAndGenerateListTheSameBackendOptions() async throws {
    let darkroom = BuiltProducts.executable("darkroom").path
    var sections: [String: String] = [:]
    for command in ["app", "doctor", "generate"] {
        let help = try await Subprocess.run([darkroom, command, "--help"], environment: ["COLUMNS": "100"])
        #expect(help.status == 0, "\(help.output)")
        let text = help.standardOutput
        let start = try #require(text.range(of: "BACKEND:\n"), "no backend section in \(command) --help:\n\(text)")
        let end = text.range(of: "\n\n", range: start.upperBound..<text.endIndex)?.lowerBound ?? text.endIndex
        sections[command] = String(text[start.upperBound..<end])
    }
    let app = try #require(sections["app"])
    for option in ["--backend <backend>", "--endpoint <endpoint>", "--bucket <bucket>", "--profile <profile>", "--region <region>"] {
        #expect(app.contains(option))
    }
    #expect(sections["doctor"] == app)
    #expect(sections["generate"] == app)
}
