import DarkroomTestSupport
import Foundation
import Testing

/// `darkroom show` on a terminal slow to answer the capability probe (still starting, a long SSH round trip): answers
/// within its 1.5 s deadline count (kitty graphics here), later ones leave it with blocks; either way no reply is
/// echoed or left for the shell.
@Suite struct ShowLateRepliesTests {
    /// What the shell's side saw: how show ended, its output after the query, and the input left queued.
    struct Seen: Sendable {
        var exit: PseudoTerminal.ExitStatus
        var output: String
        var queued: Data
    }

    @Test(arguments: [(0.7, true), (1.7, false)])
    func slowAnswersCountUntilTheDeadlineAndNeverReachTheShell(lateBy seconds: Double, inTime: Bool) async throws {
        let seen = try await OffThePool.run { () throws -> Seen in
            let folder = try TemporaryDirectory("show-late-replies")
            defer { folder.remove() }
            let leftover = folder.url.appendingPathComponent("leftover").path
            let darkroom = BuiltProducts.executable("darkroom").path
            let picture = TestData.url("images/astronaut_1024_rgb.png").path
            // After `show`, the "shell" reads whatever input is still queued, raw, for a second.
            let script = "'\(darkroom)' show --size 20x8 '\(picture)'; stty raw -echo; timeout --foreground 1 cat > '\(leftover)'; stty sane; echo finished"
            let terminal = try PseudoTerminal(executable: "/bin/sh", arguments: ["-c", script],
                                              environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8",
                                                            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"],
                                              width: 80, height: 24, cellPixels: (9, 20))
            // The query batch ends with DA1; answer it as kitty would, `seconds` late.
            let deviceAttributesQuery = Array("\u{1B}[c".utf8)
            let deadline = ContinuousClock.now + .seconds(30)
            while !terminal.transcript.contains(deviceAttributesQuery), ContinuousClock.now < deadline {
                _ = terminal.pump(timeout: .milliseconds(50))
            }
            // The end of the query itself, not of the transcript: on a loaded machine one pump may read the query
            // and, half a second later, the blocks drawn after the deadline.
            guard let queryEnd = terminal.transcript.firstRange(of: deviceAttributesQuery)?.upperBound else {
                throw ShowLateRepliesError.noQuery
            }
            Thread.sleep(forTimeInterval: seconds)
            terminal.send("\u{1B}P>|kitty(0.26.5)\u{1B}\\\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[6;20;9t\u{1B}[?62;c")
            let exit = try terminal.waitForExit()
            return Seen(exit: exit, output: String(decoding: terminal.transcript[queryEnd...], as: UTF8.self),
                        queued: try Data(contentsOf: URL(fileURLWithPath: leftover)))
        }
        #expect(seen.exit == .exited(0))
        let after = seen.output
        #expect(after.contains("finished"))
        if inTime {
            #expect(after.contains("\u{1B}_Ga=T"), "kitty graphics, from answers within the deadline: \(after.debugDescription.suffix(300))")
        } else {
            #expect(after.contains("▀") || after.contains("▄"),
                    "blocks, since the terminal did not answer in time: \(after.debugDescription.suffix(300))")
            #expect(!after.contains("\u{1B}_G"), "no kitty graphics without a timely answer")
        }
        #expect(!after.contains("kitty(0.26.5)"), "the late replies were echoed: \(after.debugDescription.suffix(300))")
        #expect(seen.queued.isEmpty, "the shell would have read \(String(decoding: seen.queued, as: UTF8.self).debugDescription)")
    }
}

struct ShowLateRepliesError: Error, CustomStringConvertible {
    static let noQuery = ShowLateRepliesError()
    var description: String { "show sent no capability query within 30 s" }
}
