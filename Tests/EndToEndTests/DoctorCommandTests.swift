import Foundation
import Testing
import DarkroomTestSupport

/// `darkroom doctor` as a person runs it: the local default on fresh XDG folders, an unwritable data
/// folder, and the bedrock backend against moto_server with the bucket present and missing.
@Suite struct DoctorCommandTests {
    struct Report: Decodable {
        struct Check: Decodable {
            var name: String
            var status: String
            var detail: String
            var hint: String?
            var essential: Bool
        }
        var healthy: Bool
        var checks: [Check]

        func check(_ name: String) throws -> Check {
            try #require(checks.first { $0.name == name }, "no \(name) check in \(checks.map(\.name))")
        }
    }

    /// A HOME of its own, so no real ~/.aws or ~/.config is read.
    static func environment(home: URL, extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "XDG_DATA_HOME": home.appendingPathComponent("data").path,
            "TERM": "xterm-256color", "LANG": "C.UTF-8",
        ]
        environment.merge(extra) { _, new in new }
        return environment
    }

    static func doctor(_ arguments: [String], environment: [String: String]) async throws -> (Subprocess.Result, Report) {
        let result = try await Subprocess.run([BuiltProducts.executable("darkroom").path, "doctor", "--json"] + arguments,
                                              environment: environment)
        let report = try JSONDecoder().decode(Report.self, from: Data(result.standardOutput.utf8))
        return (result, report)
    }

    @Test func theLocalDefaultOnFreshFoldersIsHealthy() async throws {
        let home = try TemporaryDirectory("darkroom-doctor")
        defer { home.remove() }
        let (result, report) = try await Self.doctor([], environment: Self.environment(home: home.url))

        #expect(result.status == 0, "\(result.output)")
        #expect(report.healthy)
        #expect(try report.check("backend").detail.hasPrefix("local"))
        #expect(try report.check("config").detail.contains("not present"))
        #expect(try report.check("aws").status == "skipped")
        #expect(try report.check("bucket").status == "skipped")
        let sweeps = try report.check("sweeps")
        #expect(sweeps.status == "ok")
        #expect(sweeps.detail.hasPrefix(home.url.appendingPathComponent("data/darkroom/bucket/output-sweeps").path))
        let data = try report.check("data folder")
        #expect(data.status == "ok")
        #expect(data.detail.hasPrefix(home.url.appendingPathComponent("data/darkroom").path))
        let libraries = try report.check("libraries").detail
        #expect(libraries.hasPrefix("libcurl/") && libraries.contains(", libpng/1.") && libraries.contains(", SQLite/3."), "\(libraries)")
        let fonts = try report.check("fonts")
        #expect(fonts.status == "ok" && fonts.detail.hasSuffix("DejaVuSans.ttf, then DroidSansFallbackFull.ttf, Symbola_hint.ttf for what it lacks (contact-sheet labels)"),
                "\(fonts)")
        #expect(try report.check("TERM").detail == "xterm-256color")
        #expect(try report.check("colours").detail.contains("terminfo lists 256"))
        #expect(try report.check("locale").status == "ok")
        // The test's standard output is a pipe.
        #expect(try report.check("size").status == "warning")
    }

    /// The mouse row names how the terminal's entry reports it, a terminal with none as a warning, and the setting's off.
    @Test func theMouseRowSaysHowTheTerminalReportsIt() async throws {
        let home = try TemporaryDirectory("darkroom-doctor-mouse")
        defer { home.remove() }
        func mouse(_ extra: [String: String]) async throws -> Report.Check {
            try await Self.doctor([], environment: Self.environment(home: home.url, extra: extra)).1.check("mouse")
        }
        let xterm = try await mouse([:])
        #expect(xterm.status == "ok" && xterm.detail == "clicks and the wheel as SGR reports (xterm-256color); the terminal's own selection takes Shift",
                "\(xterm)")
        let screen = try await mouse(["TERM": "screen-256color"])
        #expect(screen.status == "ok" && screen.detail.contains("X10 reports (screen-256color), up to column 223"), "\(screen)")
        // xterm-kitty's entry has X10 reports, but its Tc flag means true colour, for which curses gets xterm-direct.
        let kitty = try await mouse(["TERM": "xterm-kitty"])
        #expect(kitty.detail.contains("SGR reports (xterm-direct)"), "\(kitty)")
        let vt100 = try await mouse(["TERM": "vt100"])
        #expect(vt100.status == "warning" && vt100.detail.hasPrefix("vt100 names no mouse reports"), "\(vt100)")
        let off = try await mouse(["DARKROOM_MOUSE": "off"])
        #expect(off.status == "ok" && off.detail.hasPrefix("off"), "\(off)")
    }

    /// A label font that cannot be used is a warning, not a failure: sweeps still run, without their sheets.
    @Test func aLabelFontThatCannotBeUsedIsAWarning() async throws {
        let home = try TemporaryDirectory("darkroom-doctor-font")
        defer { home.remove() }
        let (result, report) = try await Self.doctor([], environment: Self.environment(home: home.url, extra: ["DARKROOM_FONT": "/etc/hostname"]))
        #expect(result.status == 0, "\(result.output)")
        let fonts = try report.check("fonts")
        #expect(fonts.status == "warning" && fonts.detail == "no usable label font", "\(fonts)")
        #expect(fonts.hint?.hasPrefix("The font /etc/hostname cannot be used: FreeType could not open the font") == true, "\(fonts)")
    }

    @Test func textOutputMarksEachLineAndFallsBackToASCII() async throws {
        let home = try TemporaryDirectory("darkroom-doctor-text")
        defer { home.remove() }
        let darkroom = BuiltProducts.executable("darkroom").path
        let utf8 = try await Subprocess.run([darkroom, "doctor"], environment: Self.environment(home: home.url))
        #expect(utf8.standardOutput.contains("✓ backend"))
        #expect(utf8.standardOutput.contains("! size"))
        let ascii = try await Subprocess.run([darkroom, "doctor"], environment: Self.environment(home: home.url, extra: ["LANG": "C"]))
        let isASCII = ascii.standardOutput.unicodeScalars.allSatisfy(\.isASCII)
        #expect(isASCII, "\(ascii.standardOutput)")
        #expect(ascii.standardOutput.contains("ok   backend"))
        #expect(ascii.standardOutput.contains("warn locale"))
        // A UTF-8 locale this machine does not have (sent over SSH from another) is still UTF-8, through C.UTF-8.
        let missing = try await Subprocess.run([darkroom, "doctor"], environment: Self.environment(home: home.url, extra: ["LANG": "xx_XX.UTF-8"]))
        #expect(missing.standardOutput.contains("✓ locale       UTF-8 (xx_XX.UTF-8 is not installed here, so characters use C.UTF-8)"),
                "\(missing.standardOutput)")
    }

    @Test func anUnwritableDataFolderFailsWithAHint() async throws {
        let home = try TemporaryDirectory("darkroom-doctor-data")
        defer { home.remove() }
        // A file where the data folder should be: no folder can be made inside it, even as root.
        let blocker = home.url.appendingPathComponent("blocker")
        try Data("x".utf8).write(to: blocker)
        let (result, report) = try await Self.doctor(
            [], environment: Self.environment(home: home.url, extra: ["XDG_DATA_HOME": blocker.path])
        )
        #expect(result.status == 1)
        #expect(!report.healthy)
        let data = try report.check("data folder")
        #expect(data.status == "failed")
        #expect(data.hint?.contains("XDG_DATA_HOME") == true)
        // The local backend's sweep records live in that folder: no S3 advice, no fallback into the same broken place.
        let sweeps = try report.check("sweeps")
        #expect(sweeps.status == "warning")
        #expect(sweeps.hint?.contains("XDG_DATA_HOME") == true && sweeps.hint?.contains("s3:") == false, "\(sweeps)")
    }

    /// A config line or variable darkroom cannot read makes generate, ls and get refuse to run; doctor called it a
    /// warning and said everything was in place (exit 0). It fails, naming the line (once) or the variable.
    @Test func aBrokenConfigLineOrVariableFailsNamingIt() async throws {
        let home = try TemporaryDirectory("darkroom-doctor-config")
        defer { home.remove() }
        let folder = home.url.appendingPathComponent("config/darkroom")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config")
        try Data("backend = local\nbackend = cloud\n".utf8).write(to: file)
        let (result, report) = try await Self.doctor([], environment: Self.environment(home: home.url))
        #expect(result.status == 1)
        let config = try report.check("config")
        #expect(config.status == "failed")
        #expect(config.detail.contains("line 2"))
        #expect(config.detail.components(separatedBy: file.path).count == 2, "the path once: \(config.detail)")

        try FileManager.default.removeItem(at: file)
        let (fromVariable, variableReport) = try await Self.doctor([], environment: Self.environment(home: home.url, extra: ["DARKROOM_GRAPHICS": "png"]))
        #expect(fromVariable.status == 1)
        #expect(try variableReport.check("config").detail.contains("DARKROOM_GRAPHICS"))
    }

    @Test func bedrockAgainstMotoWithTheBucketPresentAndMissing() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let home = try TemporaryDirectory("darkroom-doctor-moto")
        defer { home.remove() }
        let aws = ["AWS_ACCESS_KEY_ID": "AKIDDOCTORE2E", "AWS_SECRET_ACCESS_KEY": "doctor-secret-value", "AWS_REGION": "us-east-1",
                   "AWS_ENDPOINT_URL": moto.endpoint]
        let environment = Self.environment(home: home.url, extra: aws)
        let created = try await Subprocess.run(
            ["python3", "-c", "import boto3, sys; boto3.client('s3', endpoint_url=sys.argv[1]).create_bucket(Bucket='studio')",
             moto.endpoint], environment: environment)
        try #require(created.status == 0, "\(created.output)")

        let (present, report) = try await Self.doctor(["--backend", "bedrock", "--bucket", "studio"], environment: environment)
        #expect(present.status == 0, "\(present.output)")
        #expect(report.healthy)
        let credentials = try report.check("aws")
        #expect(credentials.detail.contains("the environment"))
        #expect(credentials.detail.contains("key ****RE2E"))
        #expect(credentials.detail.contains("us-east-1"))
        #expect(try report.check("endpoint").status == "ok")
        #expect(try report.check("bucket").detail.contains("s3://studio listable"))
        #expect(try report.check("sweeps").detail.hasPrefix("s3://studio/output-sweeps/ writable"))
        #expect(!present.output.contains("doctor-secret-value"))
        #expect(!present.output.contains("AKIDDOCTORE2E"))

        let (missing, broken) = try await Self.doctor(["--backend", "bedrock", "--bucket", "absent"], environment: environment)
        #expect(missing.status == 1)
        #expect(!broken.healthy)
        let bucket = try broken.check("bucket")
        #expect(bucket.status == "failed")
        #expect(bucket.essential)
        #expect(bucket.hint?.contains("bucket name") == true)
        // Sweeps fall back to the local data folder, so an unwritable output-sweeps/ is only a warning naming it.
        let sweeps = try broken.check("sweeps")
        #expect(sweeps.status == "warning" && !sweeps.essential)
        #expect(sweeps.hint?.contains(home.url.appendingPathComponent("data/darkroom/output-sweeps").path) == true)
    }

    @Test func settingsComeFromOptionsOverTheConfigFileOverTheEnvironment() async throws {
        let home = try TemporaryDirectory("darkroom-doctor-settings")
        defer { home.remove() }
        // Nothing answers on this port: each run names the endpoint it chose (with the route added) in the failed check.
        try await LoopbackPort.withRefusingPort { port in
            let (environmentURL, fileURL, optionURL) = ("http://127.0.0.1:\(port)/from-environment",
                                                        "http://127.0.0.1:\(port)/from-file", "http://127.0.0.1:\(port)/from-option")
            let environment = Self.environment(home: home.url, extra: ["DARKROOM_API_ENDPOINT": environmentURL])
            let folder = home.url.appendingPathComponent("config/darkroom")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let configFile = folder.appendingPathComponent("config")

            try Data("backend = api\n".utf8).write(to: configFile)
            let (_, fromEnvironment) = try await Self.doctor(["--timeout", "1"], environment: environment)
            #expect(try fromEnvironment.check("endpoint").detail.hasPrefix(environmentURL + "/image-generation unreachable"))

            try Data("backend = api\nendpoint = \(fileURL)\n".utf8).write(to: configFile)
            let (_, fromFile) = try await Self.doctor(["--timeout", "1"], environment: environment)
            #expect(try fromFile.check("endpoint").detail.hasPrefix(fileURL + "/image-generation unreachable"))

            let (_, fromOption) = try await Self.doctor(["--timeout", "1", "--endpoint", optionURL], environment: environment)
            #expect(try fromOption.check("endpoint").detail.hasPrefix(optionURL + "/image-generation unreachable"))
        }
    }

    @Test func anEndpointThatNeverAnswersFailsAfterTheTimeout() async throws {
        let home = try TemporaryDirectory("darkroom-doctor-silent")
        defer { home.remove() }
        let port = try LoopbackPort.free()
        // Listens and never accepts: connections complete in the backlog, no byte ever comes back. It lives
        // until stopped (600 s at most): on a loaded machine this test once took 78 s, and a listener that had
        // left after 60 s turned "did not answer in time" into "could not connect".
        let silent = try BackgroundProcess([
            "python3", "-c",
            "import socket, sys, time; s = socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(16); time.sleep(600)",
            "\(port)",
        ])
        defer { silent.stop() }
        var listening = false
        for _ in 0..<100 where !listening {
            let probe = try await Subprocess.run(
                ["python3", "-c", "import socket, sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1)", "\(port)"]
            )
            listening = probe.status == 0
            if !listening { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(listening, "the silent listener never started")

        let (result, report) = try await Self.doctor(
            ["--backend", "api", "--endpoint", "http://127.0.0.1:\(port)/image-generation", "--timeout", "1"],
            environment: Self.environment(home: home.url)
        )
        #expect(result.status == 1)
        let endpoint = try report.check("endpoint")
        #expect(endpoint.status == "failed")
        #expect(endpoint.detail.contains("did not answer in time"), "\(endpoint.detail)")
    }

    @Test func anUnreachableEndpointFailsNamingTheURL() async throws {
        let home = try TemporaryDirectory("darkroom-doctor-endpoint")
        defer { home.remove() }
        try await LoopbackPort.withRefusingPort { port in
            let (result, report) = try await Self.doctor(
                ["--backend", "api", "--endpoint", "http://127.0.0.1:\(port)/image-generation", "--timeout", "2"],
                environment: Self.environment(home: home.url, extra: [
                    "AWS_ACCESS_KEY_ID": "AKIDX", "AWS_SECRET_ACCESS_KEY": "x", "AWS_REGION": "us-east-1",
                ])
            )
            #expect(result.status == 1)
            let endpoint = try report.check("endpoint")
            #expect(endpoint.status == "failed")
            #expect(endpoint.detail.contains("http://127.0.0.1:\(port)/image-generation unreachable"))
            #expect(endpoint.hint?.contains("HTTPS_PROXY") == true)
        }
    }

    /// The api check posts an empty request as `generate` would: the served local stack's function refuses it
    /// (400), which proves the route; the stage URL gets /image-generation added; a wrong path is a 404.
    @Test func theAPIRouteIsCheckedWithARequestTheFunctionRefuses() async throws {
        let home = try TemporaryDirectory("darkroom-doctor-route")
        defer { home.remove() }
        let port = try LoopbackPort.free()
        let server = try BackgroundProcess([BuiltProducts.executable("darkroom").path, "serve", "--port", "\(port)",
                                            "--data", home.url.appendingPathComponent("served").path])
        defer { server.stop() }
        try await ServeEndToEndTests.waitForHealth("http://127.0.0.1:\(port)")
        let environment = Self.environment(home: home.url)

        for endpoint in ["http://127.0.0.1:\(port)", "http://127.0.0.1:\(port)/image-generation"] {
            let (result, report) = try await Self.doctor(["--backend", "api", "--endpoint", endpoint, "--auth", "none"],
                                                         environment: environment)
            let check = try report.check("endpoint")
            #expect(check.status == "ok", "\(check)")
            #expect(check.detail.hasPrefix("http://127.0.0.1:\(port)/image-generation answers: the function refused an empty request"))
            #expect(check.detail.hasSuffix("(auth none)"))
            #expect(result.status == 1, "the api backend without a bucket is still unhealthy: \(result.output)")
        }
        // api-key auth without a key: the route answers an unkeyed request, but generate refuses to send one, so
        // the check fails (it passed, "sent without credentials").
        let (_, keyless) = try await Self.doctor(["--backend", "api", "--endpoint", "http://127.0.0.1:\(port)", "--auth", "api-key"],
                                                 environment: environment)
        let unkeyed = try keyless.check("endpoint")
        #expect(unkeyed.status == "failed" && unkeyed.essential, "\(unkeyed)")
        #expect(unkeyed.detail.contains("generate cannot call it") && unkeyed.detail.contains("API key"), "\(unkeyed.detail)")
        #expect(unkeyed.hint?.contains("DARKROOM_API_KEY") == true)

        // Nothing was generated: the served bucket has no image.
        let images = home.url.appendingPathComponent("served/bucket/output-images")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: images.path)) ?? []).isEmpty)

        let (_, wrong) = try await Self.doctor(["--backend", "api", "--endpoint", "http://127.0.0.1:\(port)/prod", "--auth", "none"],
                                               environment: environment)
        let missing = try wrong.check("endpoint")
        #expect(missing.status == "failed" && missing.essential)
        #expect(missing.detail == "http://127.0.0.1:\(port)/prod/image-generation has no such route (HTTP 404)")
        #expect(missing.hint?.contains("ImageGenerationEndpoint") == true)
    }

    /// API Gateway's 403 fails the check with advice for the auth in use, and the request carried that auth.
    @Test(arguments: [("iam", "execute-api:Invoke"), ("api-key", "DARKROOM_API_KEY"), ("none", "--auth iam")])
    func refusedCredentialsFailWithAdviceForTheAuthInUse(auth: String, advice: String) async throws {
        let home = try TemporaryDirectory("darkroom-doctor-forbidden")
        defer { home.remove() }
        let gateway = try LoopbackHTTPServer { _, _ in .text(403, #"{"message":"Forbidden"}"#) }
        defer { gateway.stop() }
        let (result, report) = try await Self.doctor(
            ["--backend", "api", "--endpoint", gateway.url, "--auth", auth],
            environment: Self.environment(home: home.url, extra: [
                "AWS_ACCESS_KEY_ID": "AKIDFORBIDDEN", "AWS_SECRET_ACCESS_KEY": "x", "AWS_REGION": "us-east-1",
                "DARKROOM_API_KEY": "doctor-key",
            ])
        )
        #expect(result.status == 1)
        let check = try report.check("endpoint")
        #expect(check.status == "failed" && check.essential)
        #expect(check.detail == "\(gateway.url)/image-generation refused the request (Forbidden)")
        #expect(check.hint?.contains(advice) == true, "\(check.hint ?? "")")
        let sent = try #require(gateway.requests.first)
        #expect(sent.method == "POST" && sent.path == "/image-generation")
        #expect((sent.headers["authorization"]?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDFORBIDDEN/") ?? false) == (auth == "iam"))
        #expect((sent.headers["x-api-key"] == "doctor-key") == (auth == "api-key"))
    }
}
