import DarkroomTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built app in a real terminal: tmux on a private server socket, driven by send-keys and read back with
/// capture-pane, on a temporary data folder with the local engine; run directly, and on the far side of a real
/// OpenSSH connection (a private sshd on loopback), as its users run it on a remote machine.
@Suite(.serialized) struct AppTmuxTests {
    /// How the pane reaches the app.
    enum Hop: String, CaseIterable, CustomTestStringConvertible {
        /// The pane runs the app.
        case direct
        /// The pane runs `ssh -t` to a private sshd, which runs the app in a pseudo-terminal of its own: keys, output
        /// and window changes cross the connection.
        case ssh

        var testDescription: String { rawValue }
    }

    /// The pane's command line for `remote` (a shell command line) over `hop`; the SSH server is started for it.
    private static func command(_ remote: String, over hop: Hop) async throws -> (command: String, server: SSHServer?) {
        switch hop {
        case .direct:
            return (remote, nil)
        case .ssh:
            try #require(SSHServer.missing == nil, "\(SSHServer.missing ?? "")")
            let server = try await OffThePool.run { try SSHServer.start() }
            // exec: the pane's process is then ssh itself, which a test can kill as a dropped connection.
            return ("exec " + Subprocess.commandLine(server.client(running: remote)), server)
        }
    }

    @Test(.enabled(if: Tmux.available, "tmux is not installed"), arguments: Hop.allCases)
    func generateRegenerateResizeAndQuit(over hop: Hop) async throws {
        let folder = try TemporaryDirectory("app-tmux-\(hop)")
        defer { folder.remove() }
        let tmux = Tmux()
        defer { tmux.killServer() }
        let data = folder.url.appendingPathComponent("data")
        let (command, server) = try await Self.command(Tmux.isolated([BuiltProducts.executable("darkroom").path], home: folder.url), over: hop)
        defer { server?.stop() }
        try await tmux.startSession(width: 100, height: 30, command: command)

        try await tmux.waitFor("the first paint") { $0.contains("Describe the image, then press Enter.") }
        try await tmux.type("a lighthouse in fog")
        try await tmux.waitFor("the first job to be saved, listed in the gallery and previewed with its metadata") { screen in
            // The preview's caption comes from the stored image's metadata chunk, read back through the store.
            // Whether the thumbnail's cells show glyphs depends on the picture (a smooth one is coloured spaces),
            // so the drawing itself is checked in AppLoopTests and the view tests, not here.
            screen.contains("✓ #1 saved") && screen.contains("Gallery · 1 image ─") && screen.contains("a lighthouse in fog")
                && screen.contains("local preview engine")
        }
        let thumbnails = data.appendingPathComponent("darkroom/bucket/output-thumbnails")
        #expect(try FileManager.default.contentsOfDirectory(atPath: thumbnails.path).filter { $0.hasSuffix(".png") }.count == 1)

        // Tab twice: prompt → parameters → jobs; r regenerates the selected (saved) job with its seed.
        try await tmux.run(["send-keys", "-t", "app", "Tab", "Tab", "r"])
        try await tmux.waitFor("the regenerated job to be saved") { $0.contains("✓ #2 saved") && $0.contains("Gallery · 2 images") }

        let images = data.appendingPathComponent("darkroom/bucket/output-images")
        let names = try FileManager.default.contentsOfDirectory(atPath: images.path).filter { $0.hasSuffix(".png") }.sorted()
        try #require(names.count == 2)
        let first = [UInt8](try Data(contentsOf: images.appendingPathComponent(names[0])))
        let second = [UInt8](try Data(contentsOf: images.appendingPathComponent(names[1])))
        #expect(first.count > 1000)
        #expect(first == second, "same parameters and seed store identical bytes, metadata included")
        let seeds = names.map { $0.split(separator: "-")[1] }
        #expect(seeds[0] == seeds[1])

        try await tmux.run(["resize-window", "-t", "app", "-x", "80", "-y", "24"])
        // One condition for the whole screen: a capture can fall between the repaint's first and last lines.
        try await tmux.waitFor("a repaint at 80×24 that still lists the jobs") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.first?.hasPrefix("┌─ Prompt ─") == true && lines.first?.count == 80 && screen.contains("✓ #2 saved")
        }

        try await tmux.run(["send-keys", "-t", "app", "q"])
        #expect(try await tmux.waitForSessionEnd(seconds: 10), "q quits the app (and ends the SSH session)")
        let history = try String(contentsOf: data.appendingPathComponent("darkroom/history"), encoding: .utf8)
        #expect(history.contains("a lighthouse in fog"))
    }

    /// Over SSH the locale comes from the client's machine and may not be installed on the server (a minimal Debian
    /// has only C.UTF-8): a UTF-8 one still gets Unicode boxes, through C.UTF-8; the C locale gets ASCII.
    @Test(.enabled(if: Tmux.available, "tmux is not installed"), arguments: [("xx_XX.UTF-8", "┌─ Prompt ─"), ("C", "+- Prompt -")])
    func theScreenFollowsTheLocaleEvenWhenItIsNotInstalled(lang: String, firstLine: String) async throws {
        let folder = try TemporaryDirectory("app-tmux-locale")
        defer { folder.remove() }
        let tmux = Tmux()
        defer { tmux.killServer() }
        // LC_CTYPE too: the tmux server is started through python3, which puts LC_CTYPE=C.UTF-8 in the environment
        // when it starts in the C locale (PEP 538), and the pane inherits it.
        let program = ["env", "-u", "LC_ALL", "-u", "LC_CTYPE", "LANG=\(lang)", BuiltProducts.executable("darkroom").path]
        try await tmux.startSession(width: 100, height: 30, command: Tmux.isolated(program, home: folder.url))
        try await tmux.waitFor("the first paint with \(firstLine)") { screen in
            screen.contains("Describe the image, then press Enter.") && screen.hasPrefix(firstLine)
        }
        try await tmux.run(["send-keys", "-t", "app", "C-c"])
        #expect(try await tmux.waitForSessionEnd(seconds: 10))
    }

    /// Job control and a hang-up as a shell user meets them: Ctrl-Z outside the prompt stops the app and gives the
    /// shell back, `fg` brings it back whole, and `kill -HUP` ends it with the shell reporting 128 + 1, its jobs
    /// and history saved.
    @Test(.enabled(if: Tmux.available, "tmux is not installed"))
    func ctrlZSuspendsFgResumesAndAHangUpIsReportedByTheShellInTmux() async throws {
        let folder = try TemporaryDirectory("app-tmux-signals")
        defer { folder.remove() }
        let tmux = Tmux()
        defer { tmux.killServer() }
        try await Self.startInAShell(tmux, home: folder.url, generating: "a moth at a lamp")

        // Tab leaves the prompt (where Ctrl-Z is undo); Ctrl-Z then stops the app like any program.
        try await tmux.run(["send-keys", "-t", "app", "Tab", "C-z"])
        try await tmux.waitFor("the shell to report the app stopped") { $0.contains("Stopped") && $0.contains("shell$") }
        try await tmux.type("fg")
        let resumed = try await tmux.waitFor("a full redraw after fg") { $0.contains("✓ #1 saved") && $0.contains("Parameters") }
        #expect(!resumed.contains("Stopped"))

        // Hang it up as a dropped SSH connection would.
        kill(try await Self.appInTheShell(tmux), SIGHUP)
        try await tmux.waitFor("the shell's prompt after the hang-up") { $0.contains("shell$") && !$0.contains("Parameters") }
        try await tmux.type("echo status=$?")
        try await tmux.waitFor("the shell to report 128 + SIGHUP") { $0.contains("status=129") }
        try Self.expectJobAndHistorySaved("a moth at a lamp", home: folder.url)
    }

    /// The mouse through tmux: the app asks for it (xterm's SGR reports, mode 1006 over 1000, as tmux's pane flags
    /// show), a click gives a panel the focus, and the shell never gets a terminal that still reports the mouse:
    /// not while the app is stopped with Ctrl-Z, nor after a SIGTERM. `--mouse off` leaves it to the terminal.
    @Test(.enabled(if: Tmux.available, "tmux is not installed"))
    func theMouseIsTheAppsWhileItRunsAndTheShellsOtherwise() async throws {
        let folder = try TemporaryDirectory("app-tmux-mouse")
        defer { folder.remove() }
        let tmux = Tmux()
        defer { tmux.killServer() }
        func mouseFlags() async throws -> String {
            try await tmux.run(["display-message", "-p", "-t", "app", "sgr=#{mouse_sgr_flag} buttons=#{mouse_standard_flag}"])
                .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        /// A press and, a moment later, its release at a 1-based cell, in xterm's SGR encoding.
        func click(column: Int, row: Int) async throws {
            try await tmux.run(["send-keys", "-t", "app", "-l", "\u{1B}[<0;\(column);\(row)M"])
            try await Task.sleep(for: .milliseconds(100))
            try await tmux.run(["send-keys", "-t", "app", "-l", "\u{1B}[<0;\(column);\(row)m"])
        }
        try await Self.startInAShell(tmux, home: folder.url, generating: "a heron in reeds")
        #expect(try await mouseFlags() == "sgr=1 buttons=1")
        // At 100x30 the jobs panel's first line is row 19 of the left column, and the gallery is top right.
        try await click(column: 5, row: 19)
        try await tmux.waitFor("the jobs panel's keys after a click on a job") { $0.contains("c cancel") }
        try await click(column: 70, row: 6)
        try await tmux.waitFor("the gallery's keys after a click on it") { $0.contains("/ filter") }

        try await tmux.run(["send-keys", "-t", "app", "C-z"])
        try await tmux.waitFor("the shell to report the app stopped") { $0.contains("Stopped") && $0.contains("shell$") }
        #expect(try await mouseFlags() == "sgr=0 buttons=0", "the stopped app left the mouse on for the shell")
        try await tmux.type("fg")
        try await tmux.waitFor("a full redraw after fg") { $0.contains("✓ #1 saved") && $0.contains("Parameters") }
        #expect(try await mouseFlags() == "sgr=1 buttons=1", "fg gives the app the mouse again")
        try await click(column: 5, row: 19)
        try await tmux.waitFor("a click to work after fg") { $0.contains("c cancel") }

        kill(try await Self.appInTheShell(tmux), SIGTERM)
        try await tmux.waitFor("the shell's prompt after SIGTERM") { $0.contains("shell$") && !$0.contains("Parameters") }
        #expect(try await mouseFlags() == "sgr=0 buttons=0", "SIGTERM left the mouse on for the shell")

        try await tmux.type(Subprocess.commandLine([BuiltProducts.executable("darkroom").path, "--mouse", "off"]))
        try await tmux.waitFor("the first paint with --mouse off") { $0.contains("Describe the image, then press Enter.") }
        #expect(try await mouseFlags() == "sgr=0 buttons=0")
        try await tmux.run(["send-keys", "-t", "app", "C-c"])
        try await tmux.waitFor("the shell's prompt after Ctrl-C") { $0.contains("shell$") && !$0.contains("Parameters") }
    }

    /// A paste through tmux's bracketed paste (`paste-buffer -p`, sent marked only because the app turned mode 2004
    /// on): its newline does not submit, its Tab does not change panels and its letters are text, not commands.
    @Test(.enabled(if: Tmux.available, "tmux is not installed"))
    func pastedTextLandsInThePromptAsTextNotAsKeys() async throws {
        let folder = try TemporaryDirectory("app-tmux-paste")
        defer { folder.remove() }
        let tmux = Tmux()
        defer { tmux.killServer() }
        try await tmux.startSession(width: 100, height: 30, command: Tmux.isolated([BuiltProducts.executable("darkroom").path], home: folder.url))
        try await tmux.waitFor("the first paint") { $0.contains("Describe the image, then press Enter.") }
        try await tmux.run(["set-buffer", "-b", "clip", "a red fox\nin deep snow\tq"])
        try await tmux.run(["paste-buffer", "-p", "-d", "-b", "clip", "-t", "app"])
        let pasted = try await tmux.waitFor("the pasted text in the prompt") { $0.contains("in deep snow q") }
        #expect(pasted.contains("a red fox"))
        #expect(!pasted.contains("#1"), "the paste's newline submitted a job:\n\(pasted)")
        // Still in the prompt: typing goes on where the paste ended, and Enter submits both lines as one prompt.
        try await tmux.type("uail")
        try await tmux.waitFor("the job of the pasted prompt to be saved") { $0.contains("✓ #1 saved") }
        let jobs = try String(contentsOf: folder.url.appendingPathComponent("data/darkroom/jobs.json"), encoding: .utf8)
        #expect(jobs.contains(#"a red fox\nin deep snow quail"#))
    }

    /// Starts an interactive shell in `tmux` (so the app runs as a job of its own that can be stopped and continued),
    /// the app in it, and one job with `prompt`, which is saved.
    private static func startInAShell(_ tmux: Tmux, home: URL, generating prompt: String) async throws {
        let shell = Tmux.isolated(["PS1=shell$ ", "bash", "--norc", "--noprofile", "-i"], home: home)
        try await tmux.startSession(width: 100, height: 30, command: shell)
        try await tmux.waitFor("the shell's prompt") { $0.contains("shell$") }
        try await tmux.type(BuiltProducts.executable("darkroom").path)
        try await tmux.waitFor("the first paint") { $0.contains("Describe the image, then press Enter.") }
        try await tmux.type(prompt)
        try await tmux.waitFor("the job to be saved") { $0.contains("✓ #1 saved") }
    }

    /// The app the pane's shell runs: the shell's child.
    private static func appInTheShell(_ tmux: Tmux) async throws -> Int32 {
        let shellPID = try await tmux.paneProcess()
        let children = try String(contentsOfFile: "/proc/\(shellPID)/task/\(shellPID)/children", encoding: .utf8)
        return try #require(children.split(separator: " ").first.flatMap { Int32($0) })
    }

    /// The app's data folder under `home` holds `prompt` in both the saved jobs and the prompt history.
    private static func expectJobAndHistorySaved(_ prompt: String, home: URL) throws {
        let data = home.appendingPathComponent("data/darkroom")
        let jobs = try String(contentsOf: data.appendingPathComponent("jobs.json"), encoding: .utf8)
        #expect(jobs.contains(prompt))
        let history = try String(contentsOf: data.appendingPathComponent("history"), encoding: .utf8)
        #expect(history.contains(prompt))
    }

    /// The SSH client killed mid-job (on a loaded machine, perhaps just after it), as when its terminal window is
    /// closed or its process dies: sshd sees the connection close and hangs up the app's pseudo-terminal. The app must
    /// end by itself (no process left on the server) with the job and the history saved (what the next start shows
    /// is AppSignalTests' concern).
    @Test(.enabled(if: Tmux.available, "tmux is not installed"))
    func aDroppedSSHConnectionEndsTheAppWithItsJobsSaved() async throws {
        let folder = try TemporaryDirectory("app-tmux-ssh-drop")
        defer { folder.remove() }
        let tmux = Tmux()
        defer { tmux.killServer() }
        let pidFile = folder.url.appendingPathComponent("app.pid")
        // The remote shell writes its pid and execs into the app (env execs too), so the pid is the app's.
        let remote = "echo $$ > \(Subprocess.commandLine([pidFile.path])); exec "
            + Tmux.isolated([BuiltProducts.executable("darkroom").path], home: folder.url)
        let (command, server) = try await Self.command(remote, over: .ssh)
        defer { server?.stop() }
        try await tmux.startSession(width: 100, height: 30, command: command)
        try await tmux.waitFor("the first paint") { $0.contains("Describe the image, then press Enter.") }
        let appPID = try #require(Int32(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))

        try await tmux.type("a lighthouse in a gale")
        // The local engine takes under a second, and on a loaded machine a capture can take longer: a job already
        // saved is let through too. The connection then drops with the app idle, and it must still end by itself.
        let running = try await tmux.waitFor("the job to run") { $0.contains("1 running") || $0.contains("✓ #1 saved") }
        print("the SSH connection dropped \(running.contains("1 running") ? "while the job ran" : "after the job was saved")")
        kill(try await tmux.paneProcess(), SIGKILL)
        let dropped = ContinuousClock.now
        var ended = false
        while !ended, ContinuousClock.now - dropped < .seconds(15) {
            // Gone, or a zombie sshd has yet to reap: either way the app has ended.
            let state = try? String(contentsOfFile: "/proc/\(appPID)/stat", encoding: .utf8)
            ended = state.map { $0.split(separator: ")").last?.split(separator: " ").first == "Z" } ?? true
            if !ended { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(ended, "the app outlived its dropped connection by 15 s; sshd log: \(server?.log ?? "")")
        print("dropped SSH connection to the app's exit: \(ContinuousClock.now - dropped)")
        try Self.expectJobAndHistorySaved("a lighthouse in a gale", home: folder.url)
    }

    /// Over a 1.2 s round trip (a relay holding every byte 600 ms each way), the terminal's answers to the probe
    /// arrive long after its 500 ms deadline: the app draws blocks, and those late answers, which reach it as input,
    /// must not be typed into the prompt. Keys typed after them still are, and a job still runs to the end.
    @Test(.enabled(if: Tmux.available, "tmux is not installed"))
    func overALongRoundTripLateTerminalRepliesAreNotTypedIntoThePrompt() async throws {
        try #require(SSHServer.missing == nil, "\(SSHServer.missing ?? "")")
        let folder = try TemporaryDirectory("app-tmux-ssh-slow")
        defer { folder.remove() }
        let tmux = Tmux()
        defer { tmux.killServer() }
        let server = try await OffThePool.run { try SSHServer.start() }
        defer { server.stop() }
        let link = try SlowLink.start(to: server.port, delay: .milliseconds(600))
        defer { link.stop() }
        let app = Tmux.isolated([BuiltProducts.executable("darkroom").path], home: folder.url)
        let started = Date()
        try await tmux.startSession(width: 100, height: 30, command: "exec " + Subprocess.commandLine(server.client(running: app, via: link.port)))

        let first = try await tmux.waitFor("the first paint over the slow link", seconds: 90) { $0.contains("0/2000 chars") }
        let painted = Date()
        // The answers left the terminal when the query batch reached it and are at least 600 ms on their way back.
        try await Task.sleep(for: .seconds(3))
        let settled = try await tmux.screen()
        #expect(settled.contains("0/2000 chars") && settled.contains("Describe the image, then press Enter."),
                "late replies were taken for keys; first paint:\n\(first)\nthree seconds later:\n\(settled)")
        try await tmux.type("a lighthouse far away")
        try await tmux.waitFor("the job to be saved", seconds: 60) { $0.contains("✓ #1 saved") && $0.contains("a lighthouse far away") }
        print("over a 1.2 s round trip: first paint \(painted.timeIntervalSince(started)) s after ssh started, job saved \(Date().timeIntervalSince(painted)) s after it")
        // The prompt has the focus, where q is a letter: Ctrl-C quits (no job is running).
        try await tmux.run(["send-keys", "-t", "app", "C-c"])
        #expect(try await tmux.waitForSessionEnd(seconds: 20), "Ctrl-C quits the app across the slow link")
    }

    /// Ctrl-O hands the prompt to `$EDITOR` on the real terminal, and the editor reads the keyboard. Started by
    /// Foundation's `Process` it ran in a process group of its own, not the terminal's foreground one: its first
    /// read of the terminal failed (vi exited 1) or stopped it, and under an interactive shell the app hung.
    @Test(.enabled(if: Tmux.available, "tmux is not installed"))
    func ctrlOEditsThePromptInAnEditorThatReadsTheTerminal() async throws {
        let folder = try TemporaryDirectory("app-tmux-editor")
        defer { folder.remove() }
        let tmux = Tmux()
        defer { tmux.killServer() }
        // An editor as small as can be: it asks on the terminal, reads one line from it and writes it to the file.
        let editor = folder.url.appendingPathComponent("line-editor")
        try Data("#!/bin/sh\nprintf 'new prompt> '\nIFS= read -r line || exit 3\nprintf '%s' \"$line\" > \"$1\"\n".utf8).write(to: editor)
        chmod(editor.path, 0o755)
        let command = Tmux.isolated(["env", "EDITOR=\(editor.path)", BuiltProducts.executable("darkroom").path], home: folder.url)
        try await tmux.startSession(width: 100, height: 30, command: command)

        try await tmux.waitFor("the first paint") { $0.contains("Describe the image, then press Enter.") }
        try await tmux.run(["send-keys", "-t", "app", "-l", "a lighthouse"])
        try await tmux.run(["send-keys", "-t", "app", "C-o"])
        try await tmux.waitFor("the editor's question") { $0.contains("new prompt>") }
        try await tmux.type("a heron in reeds")
        let screen = try await tmux.waitFor("the app back with the edited prompt") { screen in
            screen.contains("┌─ Prompt ─") && screen.contains("a heron in reeds")
        }
        #expect(!screen.contains("a lighthouse"), "\(screen)")
        #expect(!screen.contains("exited with status"), "\(screen)")
    }

    @Test(.enabled(if: Tmux.available, "tmux is not installed"))
    func aTwoByTwoSweepRunsAsOneGroupAndShowsItsGrid() async throws {
        let folder = try TemporaryDirectory("app-tmux-sweep")
        defer { folder.remove() }
        let tmux = Tmux()
        defer { tmux.killServer() }
        let data = folder.url.appendingPathComponent("data")
        let command = Tmux.isolated([BuiltProducts.executable("darkroom").path], home: folder.url)
        try await tmux.startSession(width: 120, height: 36, command: command)

        try await tmux.waitFor("the first paint") { $0.contains("Describe the image, then press Enter.") }
        try await tmux.run(["send-keys", "-t", "app", "-l", "a lighthouse in fog"])
        // Tab to the parameters panel, whose status line offers the sweep editor; w opens it.
        try await tmux.run(["send-keys", "-t", "app", "Tab"])
        try await tmux.waitFor("the sweep key in the status line") { $0.contains("w sweep") }
        try await tmux.run(["send-keys", "-t", "app", "w"])
        try await tmux.waitFor("the sweep editor") { $0.contains("Sweep · every cell shares the seed") && $0.contains("cfg_scale=4,7,10") }
        try await tmux.run(["send-keys", "-t", "app", "C-u"])
        try await tmux.run(["send-keys", "-t", "app", "-l", "cfg_scale=4,10"])
        try await tmux.run(["send-keys", "-t", "app", "Down"])
        try await tmux.type("steps=20,30")

        let screen = try await tmux.waitFor("the sweep's four cells saved, shown as one group and as a grid") { screen in
            screen.contains("▦ sweep 1: 4 done, 0 failed of 4") && screen.contains("Sweep 1 · X cfg_scale · Y steps")
        }
        let lines = screen.split(separator: "\n").map(String.init)
        // The grid's edges: X values above the tiles, Y values to their left.
        #expect(lines.contains { $0.contains("│") && $0.contains(" 4 ") && $0.contains(" 10 ") }, "\(screen)")
        #expect(lines.contains { $0.contains("20") } && lines.contains { $0.contains("30") })
        #expect(screen.contains("cfg_scale 4 · steps 20 · saved · seed"))

        let images = try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("darkroom/bucket/output-images").path)
        #expect(images.filter { $0.hasSuffix(".png") }.count == 4)
        // The manifest (and, once the sweep is done, its contact sheet) in the bucket's output-sweeps/.
        let sweeps = data.appendingPathComponent("darkroom/bucket/output-sweeps")
        let deadline = Date().addingTimeInterval(30)
        var names: [String] = []
        while Date() < deadline {
            names = (try? FileManager.default.contentsOfDirectory(atPath: sweeps.path)) ?? []
            if names.contains(where: { $0.hasSuffix(".png") }) { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let manifestName = try #require(names.first { $0.hasSuffix(".json") })
        #expect(names.contains { $0.hasSuffix(".png") }, "\(names)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sweeps.appendingPathComponent(manifestName))) as? [String: Any])
        let cells = try #require(manifest["cells"] as? [[String: Any]])
        #expect(cells.count == 4 && cells.allSatisfy { $0["status"] as? String == "saved" })

        try await tmux.run(["send-keys", "-t", "app", "q"])
        try #require(try await tmux.waitForSessionEnd(seconds: 30), "q did not end the app")

        // Started again: the sweep is read back from its manifest, one row (not four single jobs) whose Enter
        // shows the grid with its pictures.
        try await tmux.startSession(width: 120, height: 36, command: command)
        try await tmux.waitFor("the past sweep as one row") { $0.contains("▦ sweep 1: 4 done, 0 failed of 4") && !$0.contains("#1 saved") }
        try await tmux.run(["send-keys", "-t", "app", "Tab"])
        try await tmux.run(["send-keys", "-t", "app", "Tab"])
        try await tmux.waitFor("the jobs panel focused") { $0.contains("Enter/o open") || $0.contains("o open") }
        try await tmux.run(["send-keys", "-t", "app", "Down"])
        try await tmux.run(["send-keys", "-t", "app", "Enter"])
        let again = try await tmux.waitFor("the past sweep's grid with its pictures") { screen in
            // Only the grid's lines count: the gallery beside it may still be listing.
            let grid = screen.split(separator: "\n").drop { !$0.contains("Sweep 1 · X cfg_scale") }
            return screen.contains("Sweep 1 · X cfg_scale · Y steps · 4 done, 0 failed of 4 · fin")
                && screen.contains("cfg_scale 4 · steps 20 · saved · seed") && !grid.contains { $0.contains("loading…") }
        }
        #expect(again.split(separator: "\n").contains { $0.contains("│") && $0.contains(" 4 ") && $0.contains(" 10 ") }, "\(again)")
        try await tmux.run(["send-keys", "-t", "app", "q"])
    }

    @Test func withoutATerminalTheAppSaysSoInOneLine() throws {
        // Subprocess gives the program pipes for output and /dev/null for input: no terminal anywhere.
        let result = try Subprocess.run([BuiltProducts.executable("darkroom").path], environment: ["TERM": "xterm-256color", "PATH": "/usr/bin:/bin"])
        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(result.standardError)")
        #expect(lines.first?.contains("needs a terminal") == true)
    }
}
