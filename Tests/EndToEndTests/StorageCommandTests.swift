import Foundation
import Testing
import DarkroomTestSupport

/// `darkroom ls`, `get` and `info KEY` run as a person would, against moto_server seeded with the AWS CLI's
/// own library (boto3), so the binary and an independent client agree on the bucket, and on the local stack.
struct StorageCommandTests {
    static let seedScript = """
        import boto3, sys
        s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1")
        s3.create_bucket(Bucket="studio")
        for index in range(1205):
            s3.put_object(Bucket="studio", Key="output-images/%04d.png" % index, Body=b"png-%d" % index, ContentType="image/png")
        s3.put_object(Bucket="studio", Key="output-images/a cat + \\u00e9.png", Body=b"awkward")
        s3.put_object(Bucket="studio", Key="output-thumbnails/0000.png", Body=b"thumb")
        """

    static func environment(_ moto: MotoServer, home: URL, extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path, "AWS_ACCESS_KEY_ID": "AKIDE2E", "AWS_SECRET_ACCESS_KEY": "e2esecret",
            "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": moto.endpoint,
        ]
        environment.merge(extra) { _, new in new }
        return environment
    }

    @Test func listAndGetAgainstMoto() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let home = try TemporaryDirectory("darkroom-e2e")
        defer { home.remove() }
        let seeded = try await Subprocess.run(["python3", "-c", Self.seedScript, moto.endpoint], environment: Self.environment(moto, home: home.url))
        try #require(seeded.status == 0, "seeding failed: \(seeded.output)")
        let darkroom = BuiltProducts.executable("darkroom").path

        let listing = try await Subprocess.run([darkroom, "ls", "--bucket", "studio"], environment: Self.environment(moto, home: home.url))
        #expect(listing.status == 0, "\(listing.output)")
        let lines = listing.standardOutput.split(separator: "\n")
        #expect(lines.count == 1206)
        // Newest first: none of these names is darkroom's, so they are placed by LastModified (then key).
        #expect(lines.first?.hasSuffix("output-images/a cat + é.png") == true)
        #expect(lines.last?.hasSuffix(" 5 output-images/0000.png") == true)

        let json = try await Subprocess.run(
            [darkroom, "ls", "--prefix", "output-thumbnails/", "--json"],
            environment: Self.environment(moto, home: home.url, extra: ["DARKROOM_BUCKET": "studio"]))
        #expect(json.status == 0, "\(json.output)")
        let decoded = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 1)
        #expect(decoded?.first?["key"] as? String == "output-thumbnails/0000.png")
        #expect(decoded?.first?["size"] as? Int == 5)

        let target = home.url.appendingPathComponent("downloaded.png").path
        let get = try await Subprocess.run([darkroom, "get", "output-images/a cat + é.png", "--bucket", "studio", "-o", target],
                                           environment: Self.environment(moto, home: home.url))
        #expect(get.status == 0, "\(get.output)")
        #expect(FileManager.default.contents(atPath: target) == Data("awkward".utf8))

        let missing = try await Subprocess.run([darkroom, "get", "output-images/none.png", "--bucket", "studio", "-o", target],
                                               environment: Self.environment(moto, home: home.url))
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("s3://studio/output-images/none.png does not exist"))
    }

    @Test func bucketProfileAndRegionComeFromTheConfigFileLikeTheApps() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let home = try TemporaryDirectory("darkroom-e2e")
        defer { home.remove() }
        let seed = """
            import boto3, sys
            s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1")
            s3.create_bucket(Bucket="studio")
            s3.put_object(Bucket="studio", Key="output-images/a cat + \\u00e9.png", Body=b"awkward")
            """
        let seeded = try await Subprocess.run(["python3", "-c", seed, moto.endpoint], environment: Self.environment(moto, home: home.url))
        try #require(seeded.status == 0, "\(seeded.output)")
        let config = home.url.appendingPathComponent(".config/darkroom")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "backend = bedrock\nbucket = studio\n".write(to: config.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let darkroom = BuiltProducts.executable("darkroom").path

        let listing = try await Subprocess.run([darkroom, "ls"], environment: Self.environment(moto, home: home.url))
        #expect(listing.status == 0, "\(listing.output)")
        #expect(listing.standardOutput.contains("output-images/a cat + é.png"))
        // An option still wins over the file.
        let other = try await Subprocess.run([darkroom, "ls", "--bucket", "elsewhere"], environment: Self.environment(moto, home: home.url))
        #expect(other.standardError.contains("The bucket 'elsewhere' does not exist"))
        // With a bedrock backend configured, `info` looks keys up in that bucket, not the local folder.
        let info = try await Subprocess.run([darkroom, "info", "output-images/none.png"], environment: Self.environment(moto, home: home.url))
        #expect(info.status != 0)
        #expect(info.standardError.contains("studio"), "\(info.output)")
    }

    /// On the local backend (the default) with no bucket set, the bucket commands read the local stack's folder
    /// bucket, where `generate` put the images: no AWS account, no flag. A bucket set anywhere means S3.
    @Test func withTheLocalBackendAndNoBucketTheCommandsReadTheLocalStack() async throws {
        let home = try TemporaryDirectory("darkroom-e2e-local")
        defer { home.remove() }
        // No AWS settings at all.
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.url.path]
        let darkroom = BuiltProducts.executable("darkroom").path
        let made = try await Subprocess.run([darkroom, "generate", "a heron at dawn", "--seed", "7", "--size", "512x512",
                                             "--model", "amazon.nova-canvas-v1:0", "--json"], environment: environment)
        try #require(made.status == 0, "\(made.output)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(made.standardOutput.utf8)) as? [String: Any])
        let key = try #require(result["key"] as? String), path = try #require(result["path"] as? String)

        let listing = try await Subprocess.run([darkroom, "ls"], environment: environment)
        #expect(listing.status == 0, "\(listing.output)")
        #expect(listing.standardOutput.split(separator: "\n").map { $0.hasSuffix(" " + key) } == [true])

        let target = home.url.appendingPathComponent("heron.png").path
        let get = try await Subprocess.run([darkroom, "get", key, "-o", target], environment: environment)
        #expect(get.status == 0, "\(get.output)")
        #expect(FileManager.default.contents(atPath: target) == FileManager.default.contents(atPath: path))
        let missing = try await Subprocess.run([darkroom, "get", "output-images/none.png", "-o", target], environment: environment)
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("output-images/none.png does not exist; check the key with `darkroom ls`"), "\(missing.output)")

        let info = try await Subprocess.run([darkroom, "info", key], environment: environment)
        #expect(info.status == 0, "\(info.output)")
        #expect(info.standardOutput.contains("a heron at dawn"))

        // A bucket set in the environment means S3, which needs an account: the error says what is missing.
        var withBucket = environment
        withBucket["DARKROOM_BUCKET"] = "studio"
        let s3 = try await Subprocess.run([darkroom, "ls"], environment: withBucket)
        #expect(s3.status != 0)
        #expect(s3.standardError.contains("AWS"), "\(s3.output)")
        // --local still reads the folder bucket.
        let local = try await Subprocess.run([darkroom, "ls", "--local"], environment: withBucket)
        #expect(local.status == 0 && local.standardOutput.contains(key), "\(local.output)")

        // Without --json, told where the image went, not the reference system's "Image Saved to S3".
        let plain = try await Subprocess.run([darkroom, "generate", "a heron at dusk", "--seed", "8", "--size", "512x512",
                                              "--model", "amazon.nova-canvas-v1:0"], environment: environment)
        #expect(plain.standardOutput.hasPrefix("Image saved to the local stack's bucket\n"), "\(plain.output)")
    }

    @Test func bucketComesFromTheProfileWhenNotGiven() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let home = try TemporaryDirectory("darkroom-e2e")
        defer { home.remove() }
        let aws = home.url.appendingPathComponent(".aws")
        try FileManager.default.createDirectory(at: aws, withIntermediateDirectories: true)
        try "[profile studio]\nregion = us-east-1\ndarkroom_bucket = from-profile\naws_access_key_id = K\naws_secret_access_key = S\n"
            .write(to: aws.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let darkroom = BuiltProducts.executable("darkroom").path
        // A backend that keeps its images in S3 needs a bucket named.
        let config = home.url.appendingPathComponent(".config/darkroom")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "backend = bedrock\n".write(to: config.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let noBucket = try await Subprocess.run([darkroom, "ls"], environment: Self.environment(moto, home: home.url))
        #expect(noBucket.status != 0)
        #expect(noBucket.standardError.contains("No bucket given: pass --bucket"), "\(noBucket.output)")
        // moto has no such bucket: the error names the bucket the profile chose.
        let fromProfile = try await Subprocess.run([darkroom, "ls", "--profile", "studio"], environment: Self.environment(moto, home: home.url))
        #expect(fromProfile.status != 0)
        #expect(fromProfile.standardError.contains("The bucket 'from-profile' does not exist"))
    }
}
