import Foundation
import Testing
import DarkroomTestSupport

/// `darkroom generate --backend bedrock` end to end with no AWS account: `darkroom serve` answers
/// InvokeModel as Bedrock Runtime (AWS_ENDPOINT_URL_BEDROCK_RUNTIME), moto_server is the S3 bucket.
@Suite struct BedrockLocalTests {
    static let darkroom = BuiltProducts.executable("darkroom").path

    /// Runs a served stack and moto with a `studio` bucket, and passes the environment that points at both.
    static func withLocalAWS(_ body: (_ environment: [String: String], _ bucketFolder: URL) async throws -> Void) async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let home = try TemporaryDirectory("darkroom-bedrock-local")
        defer { home.remove() }
        let port = try LoopbackPort.free()
        let server = try BackgroundProcess([darkroom, "serve", "--port", "\(port)", "--data", home.url.appendingPathComponent("data").path])
        defer { server.stop() }
        try await ServeEndToEndTests.waitForHealth("http://127.0.0.1:\(port)")
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.url.path,
            "AWS_ACCESS_KEY_ID": "AKIDBEDROCKE2E", "AWS_SECRET_ACCESS_KEY": "bedrock-e2e-secret", "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL_S3": moto.endpoint, "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": "http://127.0.0.1:\(port)",
            "DARKROOM_BUCKET": "studio",
        ]
        let created = try await Subprocess.run(
            ["python3", "-c", "import boto3, sys; boto3.client('s3', endpoint_url=sys.argv[1]).create_bucket(Bucket='studio')",
             moto.endpoint], environment: environment)
        try #require(created.status == 0, "\(created.output)")
        try await body(environment, home.url.appendingPathComponent("data/bucket"))
    }

    /// The object's bytes from moto, read with boto3 (an independent S3 client).
    static func download(key: String, environment: [String: String]) async throws -> [UInt8] {
        let folder = try TemporaryDirectory("darkroom-bedrock-download")
        defer { folder.remove() }
        let target = folder.url.appendingPathComponent("image.png")
        let fetched = try await Subprocess.run(
            ["python3", "-c", "import boto3, os, sys; boto3.client('s3', endpoint_url=os.environ['AWS_ENDPOINT_URL_S3'])"
                + ".download_file('studio', sys.argv[1], sys.argv[2])", key, target.path],
            environment: environment)
        try #require(fetched.status == 0, "\(fetched.output)")
        return Array(try Data(contentsOf: target))
    }

    /// Small sizes and few steps keep the debug-build renders quick.
    @Test(arguments: [
        ("stability.stable-diffusion-xl-v1", ["--size", "640x1536", "--steps", "10"]),
        ("amazon.titan-image-generator-v2:0", ["--size", "384x576"]),
        ("stability.sd3-5-large-v1:0", ["--size", "1024x1024"]),
    ])
    func generateStoresTheServedImageInTheBucketUnderItsSeed(model: String, options: [String]) async throws {
        try await Self.withLocalAWS { environment, bucketFolder in
            // Seed 0 asks a Stability model for a random seed: the key and the answer must still name a real one.
            let run = try await Subprocess.run(
                [Self.darkroom, "generate", "A cat running a marathon", "--backend", "bedrock", "--model", model, "--seed", "0", "--json"]
                    + options,
                environment: environment)
            #expect(run.status == 0, "\(run.output)")
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
            let key = try #require(answer["key"] as? String)
            let seed = try #require(answer["seed"] as? Int)
            #expect(answer["bucket"] as? String == "studio")
            #expect(answer["path"] as? String == "s3://studio/\(key)")
            #expect(key.contains("-\(seed)-"))
            if model.hasPrefix("stability.") { #expect(seed != 0) }

            let stored = try await Self.download(key: key, environment: environment)
            let chunks = PNGChunks(stored)
            #expect(!chunks.imageData.isEmpty)
            let parameters = try #require(chunks.text(keyword: "parameters"))
            #expect(parameters.hasPrefix("A cat running a marathon\n"))
            #expect(parameters.contains("Seed: \(seed)"))
            #expect(parameters.contains(model))
            // The bedrock backend stores in S3 only; the served stack's own folder bucket stays empty.
            let local = (try? FileManager.default.contentsOfDirectory(atPath: bucketFolder.appendingPathComponent("output-images").path)) ?? []
            #expect(local.isEmpty)
        }
    }

    @Test func theBucketComesFromTheProfileWhenNoOptionConfigOrVariableNamesIt() async throws {
        try await Self.withLocalAWS { environment, _ in
            let home = URL(fileURLWithPath: try #require(environment["HOME"]))
            try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
            try Data("[default]\ndarkroom_bucket = studio\n".utf8).write(to: home.appendingPathComponent(".aws/config"))
            var withoutVariable = environment
            withoutVariable["DARKROOM_BUCKET"] = nil
            let run = try await Subprocess.run([
                Self.darkroom, "generate", "A cat running a marathon", "--backend", "bedrock", "--model", "amazon.titan-image-generator-v2:0",
                "--size", "384x576", "--json",
            ], environment: withoutVariable)
            #expect(run.status == 0, "\(run.output)")
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
            #expect(answer["bucket"] as? String == "studio")
        }
    }

    @Test func aBlockedPromptExitsNonZeroSayingTheContentFilterStoppedIt() async throws {
        try await Self.withLocalAWS { environment, _ in
            let run = try await Subprocess.run([
                Self.darkroom, "generate", "an nsfw cat", "--backend", "bedrock", "--model", "amazon.titan-image-generator-v2:0",
                "--size", "384x576",
            ], environment: environment)
            #expect(run.status != 0)
            #expect(run.standardError.localizedCaseInsensitiveContains("content filter"), "\(run.output)")
            #expect(!run.output.contains("bedrock-e2e-secret"))
            let listed = try await Subprocess.run(
                ["python3", "-c", "import boto3, os; print(boto3.client('s3', endpoint_url=os.environ['AWS_ENDPOINT_URL_S3'])"
                    + ".list_objects_v2(Bucket='studio').get('KeyCount'))"],
                environment: environment)
            #expect(listed.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        }
    }

    @Test func aSweepShowsItsEstimatedPriceAndUploadsManifestAndSheetToTheBucket() async throws {
        try await Self.withLocalAWS { environment, _ in
            let run = try await Subprocess.run([
                Self.darkroom, "generate", "A cat running a marathon", "--backend", "bedrock", "--model", "amazon.titan-image-generator-v2:0",
                "--size", "384x576", "--seed", "11", "--sweep", "cfg_scale=5,8", "--json",
            ], environment: environment)
            #expect(run.status == 0, "\(run.output)")
            #expect(run.standardError.contains("Sweep on bedrock: 2 images, estimated $0.016"), "\(run.standardError)")
            #expect(run.standardError.contains("estimate from aws.amazon.com/bedrock/pricing"))
            let summary = try #require(run.standardOutput.split(separator: "\n").last.flatMap {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            })
            let id = try #require(summary["sweep"] as? String)
            #expect(summary["manifest"] as? String == "s3://studio/output-sweeps/\(id).json")
            #expect(summary["sheet"] as? String == "s3://studio/output-sweeps/\(id).png")
            let manifest = try #require(try JSONSerialization.jsonObject(
                with: Data(try await Self.download(key: "output-sweeps/\(id).json", environment: environment))) as? [String: Any])
            #expect(manifest["status"] as? String == "finished")
            #expect(manifest["sheetKey"] as? String == "output-sweeps/\(id).png")
            let cells = try #require(manifest["cells"] as? [[String: Any]])
            #expect(cells.count == 2 && cells.allSatisfy { ($0["key"] as? String)?.hasPrefix("output-images/") == true })
            let sheet = PNGChunks(try await Self.download(key: "output-sweeps/\(id).png", environment: environment))
            #expect(!sheet.imageData.isEmpty)
            #expect(sheet.text(keyword: "parameters")?.hasPrefix("darkroom sweep \(id)") == true)
        }
    }

    @Test func aSweepAboveTheConfirmationThresholdNeedsYesAndRunsNothingWithout() async throws {
        try await Self.withLocalAWS { environment, _ in
            let run = try await Subprocess.run([
                Self.darkroom, "generate", "A cat", "--backend", "bedrock", "--model", "amazon.titan-image-generator-v2:0",
                "--size", "384x576", "--sweep", "seed=1-21",
            ], environment: environment)
            #expect(run.status != 0)
            #expect(run.standardError.contains("21 images, estimated $0.168"), "\(run.standardError)")
            #expect(run.standardError.contains("--yes"))
            let listed = try await Subprocess.run(
                ["python3", "-c", "import boto3, os; print(boto3.client('s3', endpoint_url=os.environ['AWS_ENDPOINT_URL_S3'])"
                    + ".list_objects_v2(Bucket='studio').get('KeyCount'))"],
                environment: environment)
            #expect(listed.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        }
    }
}
