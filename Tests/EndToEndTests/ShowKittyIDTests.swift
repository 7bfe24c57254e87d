import DarkroomTestSupport
import Foundation
import Testing

/// `darkroom show` twice in a row in kitty: each picture must stay. kitty replaces an image sent again under an
/// id it holds, and every picture of that id with it, so the second `show` used to take the first one's picture
/// off the screen.
@Suite struct ShowKittyIDTests {
    @Test func eachShowUploadsUnderAnIDOfItsOwn() async throws {
        let transcript = try await OffThePool.run { () throws -> String in
            let darkroom = BuiltProducts.executable("darkroom").path
            let show = "'\(darkroom)' show --graphics kitty --size 10x5"
            let script = "\(show) '\(TestData.url("images/astronaut_1024_rgb.png").path)'; "
                + "\(show) '\(TestData.url("pngsuite/png/basn2c08.png").path)'; echo finished"
            // The kernel reports the cell size, so a forced protocol sends no query to wait on.
            let terminal = try PseudoTerminal(executable: "/bin/sh", arguments: ["-c", script],
                                              environment: ["TERM": "xterm-kitty", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"],
                                              width: 80, height: 24, cellPixels: (9, 20))
            #expect(try terminal.waitForExit() == .exited(0))
            return String(decoding: terminal.transcript, as: UTF8.self)
        }
        #expect(transcript.contains("finished"))
        let ids = transcript.matches(of: /\x{1B}_Ga=T,f=100,i=(\d+),/).map { String($0.output.1) }
        #expect(ids.count == 2, "\(transcript.debugDescription.prefix(300))")
        #expect(Set(ids).count == ids.count, "both pictures uploaded under id \(ids.first ?? "?")")
    }
}
