import Foundation
import Testing
import DarkroomTestSupport

/// `darkroom ls --newest` and `--search` through the catalog, on the local folder bucket and on moto_server
/// holding the same images.
struct ListCatalogCommandTests {
    @Test func newestAndSearchAnswerFromTheCatalog() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let home = try TemporaryDirectory("darkroom-e2e-ls")
        defer { home.remove() }
        var environment = StorageCommandTests.environment(moto, home: home.url)
        environment["XDG_CACHE_HOME"] = home.url.appendingPathComponent("cache").path
        let darkroom = BuiltProducts.executable("darkroom").path
        for (prompt, seed) in [("a red fox in snow", 11), ("a lighthouse in a storm", 42), ("a fox cub asleep", 42)] {
            let made = try await Subprocess.run([darkroom, "generate", prompt, "--seed", String(seed), "--size", "512x512",
                                                 "--model", "amazon.nova-canvas-v1:0"], environment: environment)
            try #require(made.status == 0, "\(made.output)")
            try await Task.sleep(for: .milliseconds(1100))  // one second apart: distinct times in the names
        }

        // The local bucket goes through the same listing and catalog.
        let newestLocal = try await Subprocess.run([darkroom, "ls", "--local", "--newest", "2"], environment: environment)
        #expect(newestLocal.status == 0, "\(newestLocal.output)")
        let localLines = newestLocal.standardOutput.split(separator: "\n")
        #expect(localLines.count == 2)
        let searchLocal = try await Subprocess.run([darkroom, "ls", "--local", "--search", "fox seed:42", "--json"], environment: environment)
        #expect(searchLocal.status == 0, "\(searchLocal.output)")
        let found = try #require(try JSONSerialization.jsonObject(with: Data(searchLocal.standardOutput.utf8)) as? [[String: Any]])
        #expect(found.count == 1)
        let parameters = try #require(found.first?["parameters"] as? [String: Any])
        #expect(parameters["prompt"] as? String == "a fox cub asleep")
        // The request's names, as `info --json` prints them.
        #expect(Set(parameters.keys) == ["prompt", "negative_prompt", "model", "width", "height", "engine", "seed", "cfg_scale"])
        #expect(parameters["width"] as? Int == 512 && parameters["seed"] as? Int == 42)

        // The same images in S3, plus a reference-format name: newest first, searched the same way.
        let bucketFolder = home.url.appendingPathComponent(".local/share/darkroom/bucket").path
        let upload = """
            import boto3, os, sys
            s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1")
            s3.create_bucket(Bucket="studio")
            folder = os.path.join(sys.argv[2], "output-images")
            for name in sorted(os.listdir(folder)):
                s3.upload_file(os.path.join(folder, name), "studio", "output-images/" + name)
            s3.put_object(Bucket="studio", Key="output-images/120000.png", Body=b"not a png")
            """
        let uploaded = try await Subprocess.run(["python3", "-c", upload, moto.endpoint, bucketFolder], environment: environment)
        try #require(uploaded.status == 0, "\(uploaded.output)")
        let all = try await Subprocess.run([darkroom, "ls", "--bucket", "studio"], environment: environment)
        #expect(all.status == 0, "\(all.output)")
        let lines = all.standardOutput.split(separator: "\n")
        #expect(lines.count == 4)
        // --newest N is the first N lines of the whole listing, from the first use on: the reference-format name,
        // uploaded last, is the newest by its modification time (before, a first use saw only darkroom's names).
        for count in [1, 3] {
            let newest = try await Subprocess.run([darkroom, "ls", "--bucket", "studio", "--newest", String(count)], environment: environment)
            #expect(newest.standardOutput.split(separator: "\n") == Array(lines.prefix(count)), "\(newest.output)")
        }
        #expect(lines.first?.hasSuffix(" output-images/120000.png") == true)
        let search = try await Subprocess.run([darkroom, "ls", "--bucket", "studio", "--search", "lighthouse"], environment: environment)
        #expect(search.status == 0, "\(search.output)")
        #expect(search.standardOutput.split(separator: "\n").count == 1)
        let bad = try await Subprocess.run([darkroom, "ls", "--bucket", "studio", "--search", "seed:many"], environment: environment)
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("`seed:` wants a whole number"))
    }
}
