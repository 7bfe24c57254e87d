import DarkroomTestSupport
import Foundation
import Testing

/// `darkroom generate --sweep …` on the local stack, run as a person would.
struct SweepCommandTests {
    static func environment(home: URL) -> [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path, "XDG_DATA_HOME": home.appendingPathComponent("data").path,
        ]
    }

    /// `environment(home:)` with a config file that runs one cell at a time, so a signal lands between cells.
    static func environmentRunningOneCellAtATime(home: URL) throws -> [String: String] {
        let config = home.appendingPathComponent("config/darkroom")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data("concurrency = 1\n".utf8).write(to: config.appendingPathComponent("config"))
        return environment(home: home)
    }

    /// Reads a `--json` sweep's standard output to its end, off the cooperative pool (blocked in read(2) on a pool
    /// thread, the reader could wait behind other tests until every cell had finished). Once `images` images are
    /// reported, `act` runs once; it returns false to stop reading and close the pipe, as `head` does. The lines read,
    /// and whether the process was still running when `act` ran (nil when it never did).
    static func readLines(of process: BackgroundProcess, actingAfterImages images: Int,
                          _ act: (BackgroundProcess) -> Bool) async throws -> (lines: [String], runningWhenActed: Bool?) {
        let output = try #require(process.standardOutput)
        return try await OffThePool.run {
            var text = ""
            var runningWhenActed: Bool?
            while true {
                let data = output.read()
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
                if runningWhenActed == nil, text.components(separatedBy: "\"type\":\"image\"").count > images {
                    runningWhenActed = process.isRunning
                    guard act(process) else {
                        output.close()
                        break
                    }
                }
            }
            return (text.split(separator: "\n").map(String.init), runningWhenActed)
        }
    }

    /// What pillow reads from a PNG: size and text chunks (an independent decoder).
    static let inspectScript = """
        import json, sys
        from PIL import Image
        result = []
        for path in sys.argv[1:]:
            image = Image.open(path)
            image.load()
            result.append({"size": list(image.size), "text": {k: str(v) for k, v in image.info.items() if isinstance(v, str)}})
        print(json.dumps(result))
        """

    static func inspect(_ paths: [String], environment: [String: String]) async throws -> [[String: Any]] {
        let result = try await Subprocess.run(["python3", "-c", inspectScript] + paths, environment: environment)
        try #require(result.status == 0, "pillow could not read the files: \(result.output)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
    }

    @Test func aThreeByTwoSweepStoresSixImagesAManifestAndASheet() async throws {
        let home = try TemporaryDirectory("darkroom-sweep")
        defer { home.remove() }
        let environment = Self.environment(home: home.url)
        let sheetPath = home.url.appendingPathComponent("grid.png").path
        let run = try await Subprocess.run([
            BuiltProducts.executable("darkroom").path, "generate", "a lighthouse at dusk", "--seed", "42",
            "--sweep", "cfg_scale=4,7,10", "--sweep", "steps=20,30", "--sheet", sheetPath, "--json",
        ], environment: environment)
        #expect(run.status == 0, "\(run.output)")
        // No terminal: no progress bar on standard error.
        #expect(!run.standardError.contains("█"))

        let lines = run.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let images = lines.filter { $0["type"] as? String == "image" }
        #expect(images.count == 6)
        #expect(images.allSatisfy { $0["status"] as? String == "saved" && $0["seed"] as? Int == 42 })
        let summary = try #require(lines.last)
        #expect(summary["type"] as? String == "sweep" && summary["saved"] as? Int == 6)

        // Each image's own metadata carries the seed and its cell's axis values.
        let paths = images.compactMap { $0["path"] as? String }
        #expect(paths.count == 6)
        let inspected = try await Self.inspect(paths, environment: environment)
        for (line, image) in zip(images, inspected) {
            let text = try #require(image["text"] as? [String: String])
            let record = try #require(try JSONSerialization.jsonObject(with: Data((text["darkroom"] ?? "").utf8)) as? [String: Any])
            let parameters = try #require(record["parameters"] as? [String: Any])
            let values = try #require(line["values"] as? [String: String])
            #expect(parameters["seed"] as? Int == 42)
            #expect((parameters["cfg_scale"] as? Double).map { SweepCommandTests.label($0) } == values["cfg_scale"])
            #expect((parameters["steps"] as? Int).map(String.init) == values["steps"])
        }

        // The manifest in output-sweeps/ lists every image.
        let manifestPath = try #require(summary["manifest"] as? String)
        #expect(manifestPath.hasPrefix(home.url.appendingPathComponent("data/darkroom/bucket/output-sweeps/").path))
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifestPath))) as? [String: Any])
        #expect(manifest["status"] as? String == "finished")
        let cells = try #require(manifest["cells"] as? [[String: Any]])
        #expect(Set(cells.compactMap { $0["key"] as? String }) == Set(images.compactMap { $0["key"] as? String }))
        #expect((manifest["axes"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["cfg_scale", "steps"])

        // The sheet decodes, in the bucket and where --sheet put it, and names the sweep.
        let sheets = try await Self.inspect([sheetPath, try #require(summary["sheet"] as? String)], environment: environment)
        let size = try #require(sheets.first?["size"] as? [Int])
        #expect(size[0] > 3 * 192 && size[1] > 2 * 192)
        let parameters = (sheets.first?["text"] as? [String: String])?["parameters"] ?? ""
        #expect(parameters.hasPrefix("darkroom sweep \(summary["sweep"] as? String ?? "?")"))
    }

    @Test(arguments: [
        (["a pear", "--sweep", "cfg_scale=4,70"], "Sweep axis `cfg_scale`, value `70`"),
        (["a pear", "--sweep", "seed=0,1"], "Sweep axis `seed`, value `0`: SDXL 1.0 reads seed 0 as \"draw a random one\""),
        (["a pear", "--prompts", "prompts.txt"], "Give the prompt or --prompts FILE, not both"),
        (["a pear", "--model", "stability.stable-image-core-v1:1", "--steps", "30"], "Stable Image Core takes no step count; leave out --steps."),
    ])
    func invalidRequestsRunNothingAndSayWhy(arguments: [String], message: String) async throws {
        let home = try TemporaryDirectory("darkroom-sweep-bad")
        defer { home.remove() }
        let run = try await Subprocess.run([BuiltProducts.executable("darkroom").path, "generate"] + arguments, environment: Self.environment(home: home.url))
        #expect(run.status != 0)
        #expect(run.standardError.contains(message), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: home.url.appendingPathComponent("data/darkroom/bucket/output-images").path))
    }

    @Test func promptFilesMakeAnAxisOfPrompts() async throws {
        let home = try TemporaryDirectory("darkroom-sweep-prompts")
        defer { home.remove() }
        let file = home.url.appendingPathComponent("prompts.txt")
        try Data("# fruit\na pear\n\na plum\n".utf8).write(to: file)
        let run = try await Subprocess.run([
            BuiltProducts.executable("darkroom").path, "generate", "--prompts", file.path, "--seed", "7", "--json",
        ], environment: Self.environment(home: home.url))
        #expect(run.status == 0, "\(run.output)")
        // Lines come as images finish; their index gives the order.
        let records = run.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.filter { $0["type"] as? String == "image" }
        let prompts = records.sorted { ($0["index"] as? Int ?? 0) < ($1["index"] as? Int ?? 0) }
            .compactMap { ($0["values"] as? [String: String])?["prompt"] }
        #expect(prompts == ["a pear", "a plum"])
    }

    /// Without --json, one line per cell in columns: values of different lengths, then each status at the same
    /// column on screen. 灯台 is two characters drawn four columns wide, so it is padded by columns, not characters.
    @Test func thePlainSummaryListsTheCellsInColumns() async throws {
        let home = try TemporaryDirectory("darkroom-sweep-summary")
        defer { home.remove() }
        let run = try await Subprocess.run([
            BuiltProducts.executable("darkroom").path, "generate", "a windmill by a canal", "--seed", "7", "--size", "512x512",
            "--model", "amazon.nova-canvas-v1:0", "--sweep", "S/R windmill,lighthouse,灯台",
        ], environment: Self.environment(home: home.url))
        #expect(run.status == 0, "\(run.output)")
        let cells = run.standardOutput.split(separator: "\n").map(String.init).filter { $0.hasPrefix("  S/R=") }
        let columns = cells.map { $0.components(separatedBy: "saved").first ?? "" }
        #expect(columns == ["  S/R=windmill    ", "  S/R=lighthouse  ", "  S/R=灯台        "], "\(run.output)")
    }

    /// Ctrl-C, `kill`, a dropped SSH session (SIGHUP) and a reader of standard output that ends (`| head`: SIGPIPE)
    /// all stop a sweep the same way: the finished images and an honest manifest are kept, then the process ends by
    /// that signal (a shell says 130, 143, 129, 141), so a shell loop around it stops too. The note on standard
    /// error shows it was cancelled, not killed mid-image.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGPIPE])
    func aStopSignalKeepsFinishedCellsMarksTheManifestCancelledAndEndsByIt(signalNumber: Int32) async throws {
        let home = try TemporaryDirectory("darkroom-sweep-cancel")
        defer { home.remove() }
        let environment = try Self.environmentRunningOneCellAtATime(home: home.url)

        // Twenty cells one at a time: however late a loaded machine lets the interrupt land, cells remain unstarted.
        let process = try BackgroundProcess(
            [BuiltProducts.executable("darkroom").path, "generate", "a lighthouse", "--seed", "9", "--sweep", "cfg_scale=1-20", "--json"],
            environment: environment, standardOutput: .piped, standardError: .piped
        )
        let errors = try #require(process.standardError)
        // Interrupt once two images are reported (for SIGPIPE: stop reading, as `head -2` does).
        let (lines, _) = try await Self.readLines(of: process, actingAfterImages: 2) { process in
            guard signalNumber != SIGPIPE else { return false }
            process.signal(signalNumber)
            return true
        }
        let notes = String(decoding: errors.readToEnd(), as: UTF8.self)
        #expect(process.waitForExit() == .signaled(signalNumber))
        let cause = [SIGINT: "Ctrl-C", SIGTERM: "SIGTERM", SIGHUP: "a hang-up (SIGHUP)", SIGPIPE: "a closed pipe (SIGPIPE"][signalNumber] ?? "?"
        #expect(notes.contains("Cancelled by \(cause)"), "\(notes)")

        let saved = try Self.expectCancelledManifest(home: home.url, cells: 20)
        guard signalNumber != SIGPIPE else { return }
        let records = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let summary = try #require(records.last { $0["type"] as? String == "sweep" })
        #expect(summary["status"] as? String == "cancelled")
        #expect(summary["saved"] as? Int == saved)
    }

    /// A stop signal the sweep was started with ignored stays ignored, as the shell's own tools leave it: under
    /// `nohup` (SIGHUP ignored) a sweep outlives the SSH session it was started from, and a script's `&` job (the
    /// shell ignores SIGINT for it; `trap '' INT` here) is not stopped by a Ctrl-C meant for the foreground.
    @Test(arguments: [SIGHUP, SIGINT])
    func aStopSignalIgnoredAtStartLeavesTheSweepToFinish(signalNumber: Int32) async throws {
        let home = try TemporaryDirectory("darkroom-sweep-ignored-signal")
        defer { home.remove() }
        let environment = try Self.environmentRunningOneCellAtATime(home: home.url)

        let parent = signalNumber == SIGHUP ? ["nohup"] : ["sh", "-c", "trap '' INT; exec \"$@\"", "sh"]
        let process = try BackgroundProcess(
            parent + [BuiltProducts.executable("darkroom").path, "generate", "a lighthouse", "--seed", "9", "--sweep", "cfg_scale=1-6", "--json"],
            environment: environment, standardOutput: .piped, standardError: .piped
        )
        let errors = try #require(process.standardError)
        // The signal goes once the first image is reported, while five cells remain.
        let (lines, signalledWhileRunning) = try await Self.readLines(of: process, actingAfterImages: 1) { process in
            process.signal(signalNumber)
            return true
        }
        let notes = String(decoding: errors.readToEnd(), as: UTF8.self)
        #expect(signalledWhileRunning == true)
        #expect(process.waitForExit() == .exited(0), "\(notes)")
        #expect(!notes.contains("Cancelled"), "\(notes)")
        let records = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let summary = try #require(records.last { $0["type"] as? String == "sweep" })
        #expect(summary["status"] as? String == "finished", "\(summary)")
        #expect(summary["saved"] as? Int == 6, "\(summary)")
    }

    /// The SSH session drops under a sweep: the terminal hangs up for real (standard output and error now fail
    /// with EIO) and the kernel sends SIGHUP. The images made stay, the manifest says cancelled, nothing is pending.
    @Test func aTerminalThatHangsUpCancelsTheSweepAndKeepsAnHonestManifest() throws {
        let home = try TemporaryDirectory("darkroom-sweep-hangup")
        defer { home.remove() }
        let terminal = try PseudoTerminal(
            executable: BuiltProducts.executable("darkroom").path,
            arguments: ["generate", "a lighthouse", "--seed", "9", "--sweep", "cfg_scale=1-20"],
            environment: try Self.environmentRunningOneCellAtATime(home: home.url).merging(["TERM": "xterm-256color"]) { $1 })
        // The progress bar is drawn on a terminal.
        _ = try terminal.waitFor(text: " 2 done")
        terminal.hangUp()
        #expect(try terminal.waitForExit() == .signaled(SIGHUP))
        try Self.expectCancelledManifest(home: home.url, cells: 20)
    }

    /// The one sweep manifest in the local bucket under `home` says cancelled: some cells saved, each with its
    /// image stored, the rest cancelled, none pending or running. Returns how many were saved.
    @discardableResult
    static func expectCancelledManifest(home: URL, cells count: Int) throws -> Int {
        let bucket = home.appendingPathComponent("data/darkroom/bucket")
        let manifests = try FileManager.default.contentsOfDirectory(atPath: bucket.appendingPathComponent("output-sweeps").path)
        let manifestName = try #require(manifests.first { $0.hasSuffix(".json") })
        let manifest = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: bucket.appendingPathComponent("output-sweeps/\(manifestName)"))) as? [String: Any])
        #expect(manifest["status"] as? String == "cancelled")
        let statuses = try #require(manifest["cells"] as? [[String: Any]]).compactMap { $0["status"] as? String }
        let saved = statuses.filter { $0 == "saved" }.count
        #expect(saved >= 2 && saved < count)
        #expect(statuses.filter { $0 == "cancelled" }.count == count - saved, "\(statuses)")
        let stored = try FileManager.default.contentsOfDirectory(atPath: bucket.appendingPathComponent("output-images").path)
        #expect(stored.count == saved)
        return saved
    }

    static func label(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
