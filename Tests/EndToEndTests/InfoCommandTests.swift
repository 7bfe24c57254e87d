import Foundation
import Testing
import DarkroomTestSupport

/// `darkroom info` on an image `darkroom generate` made: by file, by local key, and by S3 key on moto_server.
struct InfoCommandTests {
    static func environment(home: URL, extra: [String: String] = [:]) -> [String: String] {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.path]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Generates one small image into `data` and returns its key and file path.
    static func generate(data: URL, home: URL) async throws -> (key: String, path: String) {
        let darkroom = BuiltProducts.executable("darkroom").path
        let generated = try await Subprocess.run(
            [darkroom, "generate", "A cat running a marathon", "--seed", "42", "--negative-prompt", "rain",
             "--model", "amazon.titan-image-generator-v2:0", "--size", "384x576", "--data", data.path, "--json"],
            environment: environment(home: home))
        try #require(generated.status == 0, "generate failed: \(generated.output)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(generated.standardOutput.utf8)) as? [String: Any])
        return (try #require(result["key"] as? String), try #require(result["path"] as? String))
    }

    @Test func printsTheParametersOfALocalImageByKeyAndByFile() async throws {
        let home = try TemporaryDirectory("darkroom-info")
        defer { home.remove() }
        let data = home.url.appendingPathComponent("data")
        let (key, path) = try await Self.generate(data: data, home: home.url)
        let darkroom = BuiltProducts.executable("darkroom").path

        let byKey = try await Subprocess.run([darkroom, "info", key, "--data", data.path], environment: Self.environment(home: home.url))
        #expect(byKey.status == 0, "\(byKey.output)")
        #expect(byKey.standardOutput.contains("Prompt:          A cat running a marathon"))
        #expect(byKey.standardOutput.contains("Negative prompt: rain"))
        #expect(byKey.standardOutput.contains("Seed:            42"))
        #expect(byKey.standardOutput.contains("Model:           amazon.titan-image-generator-v2:0 (Titan Image v2)"))
        #expect(byKey.standardOutput.contains("Size:            384x576"))
        // Numbers as everywhere else: 8, not 8.0.
        #expect(byKey.standardOutput.contains("CFG scale:       8\n"), "\(byKey.output)")
        #expect(byKey.standardOutput.contains("not a diffusion model"))

        let byFile = try await Subprocess.run([darkroom, "info", path], environment: Self.environment(home: home.url))
        #expect(byFile.status == 0, "\(byFile.output)")
        #expect(byFile.standardOutput == byKey.standardOutput)

        let json = try await Subprocess.run([darkroom, "info", path, "--json"], environment: Self.environment(home: home.url))
        let record = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let parameters = try #require(record["parameters"] as? [String: Any])
        #expect(parameters["seed"] as? Int == 42)
        #expect(parameters["width"] as? Int == 384)
        #expect(record["engine"] as? String == "local-preview")

        let raw = try await Subprocess.run([darkroom, "info", path, "--raw"], environment: Self.environment(home: home.url))
        #expect(raw.standardOutput.hasPrefix("A cat running a marathon\nNegative prompt: rain\nCFG scale: 8, Seed: 42, Size: 384x576"))

        let missing = try await Subprocess.run([darkroom, "info", "output-images/none.png", "--data", data.path],
                                               environment: Self.environment(home: home.url))
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("No object `output-images/none.png` in "))
    }

    /// The summary ends with the command that makes the image again. Pasted into a shell, it makes the same pixels,
    /// whatever the prompt holds: quotes, `$`, `*`, a line break, a negative prompt that starts with a dash.
    @Test func theAgainLineMakesTheSameImage() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-info-again")
        defer { darkroom.home.remove() }
        let made = try await darkroom.run([
            "generate", "it's a fox; $HOME *\nby the sea", "--negative-prompt=-blurry", "--seed", "7", "--steps", "12",
            "--cfg-scale", "7.5", "--size", "768x1344", "--style-preset", "origami", "--sampler", "K_EULER", "--json",
        ])
        try #require(made.status == 0, "\(made.output)")
        let first = try #require(try JSONSerialization.jsonObject(with: Data(made.standardOutput.utf8)) as? [String: Any])
        let path = try #require(first["path"] as? String)

        let info = try await darkroom.run(["info", path])
        #expect(info.status == 0, "\(info.output)")
        let line = try #require(info.standardOutput.range(of: "\nAgain:"), "\(info.output)")
        let again = info.standardOutput[line.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(again == "darkroom generate 'it'\\''s a fox; $HOME *\nby the sea' --negative-prompt=-blurry --seed 7 --steps 12 "
                + "--cfg-scale 7.5 --size 768x1344 --style-preset origami --sampler K_EULER", "\(info.output)")

        let folder = URL(fileURLWithPath: darkroom.darkroom).deletingLastPathComponent().path
        let remade = try await Subprocess.run(["sh", "-c", again + " --json"],
                                              environment: darkroom.environment.merging(["PATH": folder + ":" + (darkroom.environment["PATH"] ?? "")]) { $1 })
        try #require(remade.status == 0, "\(remade.output)")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(remade.standardOutput.utf8)) as? [String: Any])
        let secondPath = try #require(second["path"] as? String)
        #expect(secondPath != path)
        let compare = try await Subprocess.run(["python3", "-c", """
            import sys
            from PIL import Image
            a, b = (Image.open(p) for p in sys.argv[1:3])
            print(a.size == b.size and a.tobytes() == b.tobytes())
            """, path, secondPath])
        #expect(compare.standardOutput == "True\n", "\(compare.output)")
        // Its parameters are the first image's, prompt and all.
        let firstRecord = try await darkroom.run(["info", path, "--json"]), secondRecord = try await darkroom.run(["info", secondPath, "--json"])
        let parameters = try [firstRecord, secondRecord].map { record in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(record.standardOutput.utf8)) as? [String: Any])
            return try JSONSerialization.data(withJSONObject: try #require(object["parameters"]), options: .sortedKeys)
        }
        #expect(parameters[0] == parameters[1], "\(parameters.map { String(decoding: $0, as: UTF8.self) })")
    }

    /// Another tool's image gets an Again line only where its parameters are ones the model takes: A1111's sampler
    /// name "Euler a" is not a Bedrock sampler, and `generate` would refuse the command.
    @Test func anAgainLineOnlyForParametersTheModelTakes() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-info-again-foreign")
        defer { darkroom.home.remove() }
        for (sampler, expectsAgain) in [("Euler a", false), ("K_EULER", true)] {
            let path = darkroom.path("foreign.png")
            let made = try await Subprocess.run(["python3", "-c", """
                import sys
                from PIL import Image, PngImagePlugin
                info = PngImagePlugin.PngInfo()
                info.add_text("parameters", sys.argv[2])
                Image.new("RGB", (32, 32)).save(sys.argv[1], pnginfo=info)
                """, path, "a cat\nSteps: 30, Sampler: \(sampler), CFG scale: 7, Seed: 42, Size: 1024x1024, Model: stability.stable-diffusion-xl-v1"])
            try #require(made.status == 0, "\(made.output)")
            let info = try await darkroom.run(["info", path])
            #expect(info.status == 0, "\(info.output)")
            #expect(info.standardOutput.contains("\nAgain:") == expectsAgain, "\(sampler): \(info.output)")
        }
    }

    @Test func aNameThatIsNeitherAFileNorAnObjectNamesBothPlacesLookedIn() async throws {
        let home = try TemporaryDirectory("darkroom-info-missing")
        defer { home.remove() }
        let data = home.url.appendingPathComponent("data")
        let bucket = data.appendingPathComponent("bucket").path
        // An existing data folder with no bucket in it yet: a --data folder that does not exist is refused first.
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let darkroom = BuiltProducts.executable("darkroom").path

        // `env -C` runs darkroom in the temporary folder, so the relative name is looked for there.
        let relative = try await Subprocess.run(["-C", home.url.path, darkroom, "info", "nothing.png", "--data", data.path],
                                                environment: Self.environment(home: home.url))
        #expect(relative.status != 0)
        #expect(relative.standardError
            == "Error: No file `nothing.png` in \(home.url.path) and no object `nothing.png` in \(bucket); check the name, "
            + "or pass --data or --bucket to look in another bucket.\n")

        let absolute = home.url.appendingPathComponent("shots/missing.png").path
        let byPath = try await Subprocess.run([darkroom, "info", absolute, "--data", data.path], environment: Self.environment(home: home.url))
        #expect(byPath.status != 0)
        #expect(byPath.standardError.hasPrefix(
            "Error: No file `missing.png` in \(home.url.appendingPathComponent("shots").path) and no object `\(absolute)` in \(bucket);"))
    }

    @Test func readsTheHeadOfAnS3Object() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let home = try TemporaryDirectory("darkroom-info")
        defer { home.remove() }
        let (key, path) = try await Self.generate(data: home.url.appendingPathComponent("data"), home: home.url)
        let aws = ["AWS_ACCESS_KEY_ID": "AKIDE2E", "AWS_SECRET_ACCESS_KEY": "e2esecret", "AWS_REGION": "us-east-1",
                   "AWS_ENDPOINT_URL": moto.endpoint]
        let upload = """
            import boto3, sys
            s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1")
            s3.create_bucket(Bucket="studio")
            s3.upload_file(sys.argv[2], "studio", sys.argv[3])
            """
        let seeded = try await Subprocess.run(["python3", "-c", upload, moto.endpoint, path, key],
                                              environment: Self.environment(home: home.url, extra: aws))
        try #require(seeded.status == 0, "seeding failed: \(seeded.output)")

        let info = try await Subprocess.run([BuiltProducts.executable("darkroom").path, "info", key, "--bucket", "studio"],
                                            environment: Self.environment(home: home.url, extra: aws))
        #expect(info.status == 0, "\(info.output)")
        #expect(info.standardOutput.contains("Seed:            42"))

        let missing = try await Subprocess.run([BuiltProducts.executable("darkroom").path, "info", "nothing.png", "--bucket", "studio"],
                                               environment: Self.environment(home: home.url, extra: aws))
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("and no object `nothing.png` in s3://studio;"), "\(missing.output)")
    }
}

/// An image written by someone else, whose text chunks carry terminal escapes: `darkroom info` shows the text
/// without them in every form (summary, --raw, --json).
struct InfoForeignMetadataTests {
    @Test func controlCharactersInAForeignImageNeverReachTheTerminal() async throws {
        let home = try TemporaryDirectory("darkroom-info-foreign")
        defer { home.remove() }
        let path = home.url.appendingPathComponent("foreign.png").path
        // ESC ]0; sets the window title, ESC [2J clears the screen, U+009B is CSI on its own, BEL, NUL-free (tEXt).
        let text = "A cat\u{1B}]0;owned\u{07} running\u{1B}[2J a \u{9B}31mmarathon\r\nNegative prompt: rain\u{7F}\n"
            + "Steps: 30, Sampler: K_EULER\u{08}, CFG scale: 7, Seed: 42, Size: 32x32, Model: stability.stable-diffusion-xl-v1"
        let script = """
            import sys
            from PIL import Image, PngImagePlugin
            info = PngImagePlugin.PngInfo()
            info.add_text("parameters", sys.argv[2])
            Image.new("RGB", (32, 32), (200, 80, 40)).save(sys.argv[1], pnginfo=info)
            """
        let made = try await Subprocess.run(["python3", "-c", script, path, text])
        try #require(made.status == 0, "\(made.output)")

        let darkroom = BuiltProducts.executable("darkroom").path
        for flags in [[], ["--raw"], ["--json"]] {
            let info = try await Subprocess.run([darkroom, "info", path] + flags, environment: InfoCommandTests.environment(home: home.url))
            #expect(info.status == 0, "\(info.output)")
            let refused = info.standardOutput.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value)
            }
            #expect(refused.isEmpty, "info \(flags) printed \(refused.map { String($0.value, radix: 16) })")
            #expect(info.standardOutput.contains("running[2J a 31mmarathon"), "\(info.standardOutput)")
        }
        // Its record does not claim darkroom wrote it: `"generator": "darkroom …"` came with every re-encoding.
        let json = try await Subprocess.run([darkroom, "info", path, "--json"], environment: InfoCommandTests.environment(home: home.url))
        let record = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(record["generator"] == nil && record["engine"] as? String == "unknown", "\(record)")
        #expect((record["parameters"] as? [String: Any])?["seed"] as? Int == 42)
    }
}
