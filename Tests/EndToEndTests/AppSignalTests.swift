import DarkroomTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built app on a pseudo-terminal of its own, as in a real terminal: keys that end it, the signals a session
/// sends when it ends, and what it leaves behind (exit status, the terminal, the saved files).
@Suite(.serialized) struct AppSignalTests {
    private static let firstPaint = "Describe the image, then press Enter."

    private func start(_ home: TemporaryDirectory) throws -> PseudoTerminal {
        let app = try PseudoTerminal.darkroomApp(home: home.url)
        try app.waitFor(text: Self.firstPaint)
        return app
    }

    /// Runs `body` off the cooperative pool with a fresh home folder for the app, removed afterwards.
    private func withHome(_ label: String, _ body: (TemporaryDirectory) throws -> Void) async throws {
        try await OffThePool.run {
            let home = try TemporaryDirectory(label)
            defer { home.remove() }
            try body(home)
        }
    }

    private func dataFile(_ home: TemporaryDirectory, _ name: String) -> URL {
        home.url.appendingPathComponent("data/darkroom/\(name)")
    }

    @Test func ctrlCQuitsWithStatusZeroAndRestoresTheTerminal() async throws {
        try await withHome("app-ctrl-c") { home in
            let app = try start(home)
            app.send("\u{03}")
            #expect(try app.waitForExit() == .exited(0))
            // The alternate screen was left: ncurses' endwin ran.
            #expect(String(decoding: app.transcript, as: UTF8.self).contains("\u{1B}[?1049l"))
        }
    }

    @Test func escapeLeavesThePromptSoQQuits() async throws {
        try await withHome("app-escape") { home in
            let app = try start(home)
            app.send("dunes")
            try app.waitFor(text: "5/2000 chars")
            app.send("\u{1B}")
            // The status line shows the focused panel's keys: the gallery's filter key once the prompt is left.
            try app.waitFor("the gallery to take the focus") { $0.lines.last(where: { !$0.isEmpty })?.contains("filter") == true }
            app.send("q")
            #expect(try app.waitForExit() == .exited(0), "the screen was:\n\(app.screen.text)")
        }
    }

    @Test func ctrlCAsksWhileAJobRunsAndYQuits() async throws {
        try await withHome("app-ctrl-c-job") { home in
            let app = try start(home)
            app.send("a slow harbour at night\r")
            try app.waitFor(text: "1 running")
            app.send("\u{03}")
            try app.waitFor(text: "Quit anyway? y/n")
            app.send("y")
            #expect(try app.waitForExit() == .exited(0))
            // The job that was running is kept, to be offered again.
            let jobs = try String(contentsOf: dataFile(home, "jobs.json"), encoding: .utf8)
            #expect(jobs.contains("a slow harbour at night"))
        }
    }

    @Test func aHangUpSavesJobsAndHistoryAndEndsBySIGHUP() async throws {
        try await withHome("app-hangup") { home in
            let app = try start(home)
            app.send("a lighthouse in a gale\r")
            try app.waitFor(text: "1 running")
            let dropped = ContinuousClock.now
            // Closing the terminal's master side is what a dropped SSH connection does: the kernel hangs up the
            // terminal and sends the session SIGHUP.
            app.hangUp()
            #expect(try app.waitForExit(timeout: .seconds(10)) == .signaled(SIGHUP))
            print("SIGHUP to exit: \(ContinuousClock.now - dropped)")
            let jobs = try String(contentsOf: dataFile(home, "jobs.json"), encoding: .utf8)
            #expect(jobs.contains("a lighthouse in a gale"))
            let history = try String(contentsOf: dataFile(home, "history"), encoding: .utf8)
            #expect(history.contains("a lighthouse in a gale"))

            // The next start shows the job as interrupted and says how to run it again.
            let again = try start(home)
            try again.waitFor(text: "interrupted")
            #expect(again.screen.text.contains("✗ #1 failed"))
            again.send("\u{03}")
            #expect(try again.waitForExit() == .exited(0))
        }
    }

    @Test func terminationEndsBySIGTERMWithTheTerminalRestored() async throws {
        try await withHome("app-sigterm") { home in
            let app = try start(home)
            app.send("tide pools")
            try app.waitFor(text: "10/2000 chars")
            app.signal(SIGTERM)
            #expect(try app.waitForExit(timeout: .seconds(10)) == .signaled(SIGTERM))
            #expect(String(decoding: app.transcript, as: UTF8.self).contains("\u{1B}[?1049l"))
        }
    }

    @Test func aResizeRepaintsAtTheNewSize() async throws {
        try await withHome("app-resize") { home in
            let app = try start(home)
            app.resize(width: 80, height: 24)
            try app.waitFor("a repaint at 80×24") { screen in
                screen.lines.first?.hasPrefix("┌─ Prompt ─") == true && screen.lines.first?.count == 80
            }
            app.send("\u{03}")
            #expect(try app.waitForExit() == .exited(0))
        }
    }

    @Test func damagedStateFilesAreNamedSetAsideAndTheAppRuns() async throws {
        try await withHome("app-damaged") { home in
            let jobs = dataFile(home, "jobs.json")
            try FileManager.default.createDirectory(at: jobs.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("[{\"id\": 1, \"truncated".utf8).write(to: jobs)
            let app = try start(home)
            try app.waitFor(text: "The job history")
            #expect(app.screen.text.contains("damaged"))
            let names = try FileManager.default.contentsOfDirectory(atPath: jobs.deletingLastPathComponent().path)
            #expect(names.contains { $0.hasPrefix("jobs.json.corrupt-") }, "\(names)")
            // The app works on: a new job is saved into a new, readable history.
            app.send("after the damage\r")
            try app.waitFor(text: "✓ #1 saved")
            app.send("\u{03}")
            #expect(try app.waitForExit() == .exited(0))
            let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: jobs)) as? [Any]
            #expect(saved?.count == 1)
        }
    }
}
