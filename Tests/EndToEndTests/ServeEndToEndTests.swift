import Foundation
import Testing
import DarkroomTestSupport

/// `darkroom serve` and `darkroom generate` as a person runs them: the built binary, real HTTP, real files.
@Suite struct ServeEndToEndTests {
    static let darkroom = BuiltProducts.executable("darkroom").path

    @Test func servedGenerationStoresTheImageWithItsParameters() async throws {
        let data = try TemporaryDirectory("darkroom-serve")
        defer { data.remove() }
        let (server, base) = try await Self.serve(data: data)
        defer { server.stop() }

        let reply = try await Subprocess.run([
            "curl", "--silent", "--show-error", "-X", "POST", base + "/image-generation",
            "-H", "content-type: application/json", "-d", #"{"message": "A cat running a marathon"}"#,
        ])
        #expect(reply.status == 0, "\(reply.output)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(reply.standardOutput.utf8)) as? [String: Any])
        #expect(answer["message"] as? String == "Image Saved to S3")
        let key = try #require(answer["key"] as? String)
        let seed = try #require(answer["seed"] as? Int)
        #expect(key.hasPrefix("output-images/") && key.hasSuffix(".png"))

        let stored = Array(try Data(contentsOf: data.url.appendingPathComponent("bucket/" + key)))
        let chunks = PNGChunks(stored)
        let parameters = try #require(chunks.text(keyword: "parameters"))
        #expect(parameters.hasPrefix("A cat running a marathon\n"))
        #expect(parameters.contains("Seed: \(seed)"))
        #expect(chunks.text(keyword: "darkroom")?.contains(#""seed":\#(seed)"#) == true)
        let thumbnailKey = try #require(answer["thumbnail_key"] as? String)
        #expect(FileManager.default.fileExists(atPath: data.url.appendingPathComponent("bucket/" + thumbnailKey).path))

        // SIGTERM is a graceful stop: the process ends on its own with status 0.
        #expect(server.stop() == .exited(0))
    }

    /// A script's `darkroom serve &` starts with SIGINT ignored (its shell does that for `&` jobs), so a Ctrl-C meant
    /// for the foreground leaves the server up; SIGTERM still stops it gracefully.
    @Test func aServerStartedWithSIGINTIgnoredKeepsServingThroughIt() async throws {
        let data = try TemporaryDirectory("darkroom-serve-ignored-sigint")
        defer { data.remove() }
        let (server, base) = try await Self.serve(data: data, parent: ["sh", "-c", "trap '' INT; exec \"$@\"", "sh"])
        defer { server.stop() }
        server.signal(SIGINT)
        try await Task.sleep(for: .seconds(1))
        #expect(server.isRunning, "SIGINT stopped a server started with it ignored")
        #expect(try await Subprocess.run(["curl", "--silent", "--fail", base + "/health"]).status == 0)
        #expect(server.stop() == .exited(0))
    }

    @Test func generatingTwiceWithTheSameSeedGivesTheSameImage() async throws {
        let data = try TemporaryDirectory("darkroom-generate")
        defer { data.remove() }
        var images: [[UInt8]] = []
        var keys: [String] = []
        for _ in 0..<2 {
            let run = try await Subprocess.run([
                Self.darkroom, "generate", "A lighthouse in a storm", "--seed", "4242", "--steps", "20",
                "--backend", "local", "--data", data.url.path, "--json",
            ])
            #expect(run.status == 0, "\(run.output)")
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
            #expect(answer["seed"] as? Int == 4242)
            let path = try #require(answer["path"] as? String)
            keys.append(try #require(answer["key"] as? String))
            images.append(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        // Two objects (never overwritten) with identical bytes, metadata included.
        #expect(keys[0] != keys[1])
        #expect(images[0] == images[1])
        #expect(!PNGChunks(images[0]).imageData.isEmpty)
    }

    @Test func generateWithTheAPIBackendFromTheConfigFileTalksToTheServedEndpoint() async throws {
        let data = try TemporaryDirectory("darkroom-api-backend")
        defer { data.remove() }
        let (server, base) = try await Self.serve(data: data)
        defer { server.stop() }

        // Backend and endpoint come from the config file the app reads too, as the README shows.
        let config = data.url.appendingPathComponent("config/darkroom")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "backend = api\nendpoint = \(base)/image-generation\n".write(to: config.appendingPathComponent("config"), atomically: true, encoding: .utf8)

        let run = try await Subprocess.run(
            [Self.darkroom, "generate", "A cat running a marathon", "--seed", "99", "--auth", "none"],
            environment: ["HOME": data.url.path, "XDG_CONFIG_HOME": data.url.appendingPathComponent("config").path]
        )

        #expect(run.status == 0, "\(run.output)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "Image Saved to S3")
        #expect(lines.contains("seed:  99"))
        let key = try #require(lines.first { $0.hasPrefix("key:") }?.split(separator: " ").last.map(String.init))
        #expect(lines.contains("path:  s3://bucket/\(key)"))
        #expect(FileManager.default.fileExists(atPath: data.url.appendingPathComponent("bucket/" + key).path))
    }

    @Test func generateWithTheBedrockBackendUsesTheServedInvokeEndpointAndS3() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let data = try TemporaryDirectory("darkroom-bedrock-backend")
        defer { data.remove() }
        let (server, base) = try await Self.serve(data: data)
        defer { server.stop() }
        let credentials = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"]
        let python = ProcessInfo.processInfo.environment.merging(credentials) { $1 }
        // The bucket is made by an independent client (boto3), as a person would with the AWS CLI.
        let made = try await Subprocess.run([
            "python3", "-c", "import boto3, sys; boto3.client('s3', endpoint_url=sys.argv[1]).create_bucket(Bucket='gallery')", moto.endpoint,
        ], environment: python)
        #expect(made.status == 0, "\(made.output)")

        let run = try await Subprocess.run([
            Self.darkroom, "generate", "A cat running a marathon", "--seed", "3", "--backend", "bedrock", "--bucket", "gallery", "--json",
        ], environment: credentials.merging([
            // A HOME without ~/.aws, so nothing but these variables configures the client.
            "HOME": data.url.path, "AWS_ENDPOINT_URL_S3": moto.endpoint, "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": base,
        ]) { $1 })

        #expect(run.status == 0, "\(run.output)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let key = try #require(answer["key"] as? String)
        #expect(answer["path"] as? String == "s3://gallery/\(key)")
        #expect(answer["seed"] as? Int == 3)
        // Stored in S3 by the client itself, not in the local stack's folder bucket.
        #expect(!FileManager.default.fileExists(atPath: data.url.appendingPathComponent("bucket/" + key).path))
        let listed = try await Subprocess.run([
            "python3", "-c", "import boto3, sys; print(boto3.client('s3', endpoint_url=sys.argv[1]).head_object(Bucket='gallery', Key=sys.argv[2])['ContentType'])",
            moto.endpoint, key,
        ], environment: python)
        #expect(listed.standardOutput == "image/png\n", "\(listed.output)")
    }

    /// Starts `darkroom serve` on a free port with `data` as its data folder; returns once it answers /health.
    /// A port in use, an address not of this machine and a port out of range each get one plain sentence with the
    /// system's reason and what to change; 70000 used to listen on 4464 (the kernel keeps 16 bits).
    @Test func addressesThatCannotBeListenedOnAreExplained() async throws {
        let data = try TemporaryDirectory("darkroom-serve-busy")
        defer { data.remove() }
        let (server, base) = try await Self.serve(data: data)
        defer { server.stop() }
        let port = try #require(base.split(separator: ":").last.map(String.init))
        let busy = try await Subprocess.run([Self.darkroom, "serve", "--port", port, "--data", data.url.path])
        #expect(busy.status == 1)
        #expect(busy.standardError == "Error: The local stack could not listen on 127.0.0.1:\(port) (Address already in use); pick another port with --port, or 0 for any free one.\n")
        // 192.0.2.1 is TEST-NET-1: documentation only, never an address of this machine.
        let foreign = try await Subprocess.run([Self.darkroom, "serve", "--host", "192.0.2.1", "--port", "0", "--data", data.url.path])
        #expect(foreign.status == 1)
        #expect(foreign.standardError.contains("(Cannot assign requested address); give --host an address of this machine"), "\(foreign.standardError)")
        // A name nothing resolves, or no address at all, was told to pick another port.
        let unknown = try await Subprocess.run([Self.darkroom, "serve", "--host", "no-such-host.invalid", "--port", "0", "--data", data.url.path])
        #expect(unknown.status == 1)
        #expect(unknown.standardError == "Error: The local stack could not listen on no-such-host.invalid:0 (no address of this machine has that name); "
            + "give --host an address of this machine, such as 127.0.0.1.\n")
        let empty = try await Subprocess.run([Self.darkroom, "serve", "--host", "", "--port", "0", "--data", data.url.path])
        #expect(empty.status == 64)
        #expect(empty.standardError.hasPrefix("Error: --host needs an address of this machine"), "\(empty.standardError)")
        let outOfRange = try await Subprocess.run([Self.darkroom, "serve", "--port", "70000", "--data", data.url.path])
        #expect(outOfRange.status == 64)
        #expect(outOfRange.standardError.hasPrefix("Error: --port must be from 0 to 65535, not 70000.\n"))
    }

    /// `darkroom serve` on a free port, started through `parent` (a wrapper that execs the rest) when given.
    static func serve(data: TemporaryDirectory, parent: [String] = []) async throws -> (BackgroundProcess, String) {
        let port = try LoopbackPort.free()
        let server = try BackgroundProcess(parent + [darkroom, "serve", "--port", "\(port)", "--data", data.url.path])
        let base = "http://127.0.0.1:\(port)"
        try await waitForHealth(base)
        return (server, base)
    }

    static func waitForHealth(_ base: String) async throws {
        for _ in 0..<100 {
            let probe = try await Subprocess.run(["curl", "--silent", "--fail", base + "/health"])
            if probe.status == 0 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServeDidNotStart(base: base)
    }
}

/// `darkroom serve` never answered its health check.
struct ServeDidNotStart: Error, CustomStringConvertible {
    var base: String
    var description: String { "darkroom serve did not answer \(base)/health within 10 s" }
}
