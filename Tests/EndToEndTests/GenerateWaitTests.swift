import DarkroomTestSupport
import Foundation
import Testing

/// `darkroom generate` against a backend that takes its time: on a terminal a line counts the seconds and is gone
/// when the image is there; through a pipe standard error stays empty.
@Suite struct GenerateWaitTests {
    /// An API that answers with a real generation result (the local stack's own, from `generate --json`) after
    /// 2.5 seconds, as a model would.
    static func slowAPI(_ darkroom: IsolatedDarkroom) async throws -> LoopbackHTTPServer {
        let generated = try await darkroom.run(["generate", "a fox", "--seed", "1", "--json"])
        try #require(generated.status == 0, "\(generated.output)")
        let answer = Array(generated.standardOutput.utf8)
        return try LoopbackHTTPServer { _, _ in
            Thread.sleep(forTimeInterval: 2.5)
            return .respond(status: 200, headers: [("Content-Type", "application/json")], body: answer)
        }
    }

    @Test func aTerminalSeesTheSecondsCountedUntilTheImageIsThere() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-generate-wait")
        defer { darkroom.home.remove() }
        let api = try await Self.slowAPI(darkroom)
        defer { api.stop() }
        let terminal = try PseudoTerminal(
            executable: darkroom.darkroom,
            arguments: ["generate", "a fox", "--seed", "1", "--backend", "api", "--endpoint", api.url, "--auth", "none"],
            environment: darkroom.environment.merging(["TERM": "xterm-256color", "LANG": "C.UTF-8"]) { $1 })
        _ = try terminal.waitFor(text: "Generating with SDXL 1.0 on api · 1 s")
        #expect(try terminal.waitForExit() == .exited(0))
        let transcript = String(decoding: terminal.transcript, as: UTF8.self)
        #expect(transcript.contains("Generating with SDXL 1.0 on api · 2 s"), "\(transcript)")
        // The line is erased before the summary, which starts a line of its own.
        let erased = try #require(transcript.range(of: "\r\u{1B}[K", options: .backwards))
        #expect(transcript[erased.upperBound...].hasPrefix("Image Saved to S3"), "\(transcript)")
    }

    @Test func aPipeGetsNoWaitingLine() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-generate-wait-pipe")
        defer { darkroom.home.remove() }
        let api = try await Self.slowAPI(darkroom)
        defer { api.stop() }
        let result = try await darkroom.run(["generate", "a fox", "--seed", "1", "--backend", "api", "--endpoint", api.url, "--auth", "none"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardError.isEmpty, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("Image Saved to S3"))
    }
}
