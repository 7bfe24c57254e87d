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

    /// An empty answer says so to a person at a terminal, in the words of what was asked; through a pipe, as from
    /// `aws s3 ls`, both streams stay empty.
    @Test func anEmptyListingSaysSoOnATerminalOnly() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-e2e-ls-empty")
        defer { darkroom.home.remove() }
        let bucket = darkroom.path("data/darkroom/bucket")
        func onTerminal(_ arguments: [String]) throws -> String {
            let terminal = try PseudoTerminal(executable: darkroom.darkroom, arguments: ["ls"] + arguments,
                                              environment: darkroom.environment.merging(["TERM": "xterm-256color", "LANG": "C.UTF-8"]) { $1 })
            #expect(try terminal.waitForExit() == .exited(0))
            return String(decoding: terminal.transcript, as: UTF8.self)
        }
        let empty = try onTerminal([])
        #expect(empty.contains("No images in \(bucket) yet: make one with `darkroom generate \"a prompt\"`"), "\(empty)")
        let sweeps = try onTerminal(["--prefix", "output-sweeps/"])
        #expect(sweeps.contains("Nothing under output-sweeps/ in \(bucket)."), "\(sweeps)")
        let piped = try await darkroom.run(["ls"])
        #expect(piped.status == 0 && piped.standardOutput.isEmpty && piped.standardError.isEmpty, "\(piped.output)")

        let key = try await darkroom.generate()
        let unmatched = try onTerminal(["--search", "zebra"])
        #expect(unmatched.contains("No image in \(bucket) matches \"zebra\"."), "\(unmatched)")
        let listed = try onTerminal([])
        #expect(listed.contains(key) && !listed.contains("No image"), "\(listed)")
    }

    /// Three images in the local folder bucket of a darkroom of its own, one second apart: two foxes (seeds 11
    /// and 42) and a lighthouse; the keys newest first.
    static func threeImages(_ darkroom: IsolatedDarkroom) async throws -> [String] {
        var keys: [String] = []
        for (prompt, seed) in [("a red fox in snow", 11), ("a lighthouse in a storm", 42), ("a fox cub asleep", 42)] {
            let made = try await darkroom.run(["generate", prompt, "--seed", String(seed), "--size", "512x512", "--model", "amazon.nova-canvas-v1:0", "--json"])
            try #require(made.status == 0, "\(made.output)")
            let result = try JSONSerialization.jsonObject(with: Data(made.standardOutput.utf8)) as? [String: Any]
            keys.insert(try #require(result?["key"] as? String), at: 0)
            try await Task.sleep(for: .milliseconds(1100))  // one second apart: distinct times in the names
        }
        return keys
    }

    static func keys(_ result: Subprocess.Result) -> [String] {
        result.standardOutput.split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) }
    }

    /// A catalog with damaged pages inside (the open reads little and got past them) made `ls --search fox` fail
    /// with "database disk image is malformed … delete it" (exit 1). It is set aside, said so on standard error,
    /// and the search answers from a catalog rebuilt from the bucket.
    @Test func aCatalogDamagedInsideIsSetAsideAndTheSearchStillAnswers() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-e2e-ls-damaged")
        defer { darkroom.home.remove() }
        let keys = try await Self.threeImages(darkroom)
        let first = try await darkroom.run(["ls", "--local", "--search", "fox"])
        #expect(first.status == 0, "\(first.output)")
        let cache = darkroom.path("cache/darkroom")
        let catalog = try #require(try FileManager.default.contentsOfDirectory(atPath: cache).first { $0.hasSuffix(".sqlite") })
        try DamagedCatalog.overwriteImagePages(of: cache + "/" + catalog)

        let search = try await darkroom.run(["ls", "--local", "--search", "fox"])
        #expect(search.status == 0, "\(search.output)")
        #expect(Self.keys(search) == [keys[0], keys[2]], "\(search.output)")
        #expect(search.standardError.contains(".set-aside-"), "\(search.standardError)")
        let again = try await darkroom.run(["ls", "--local", "--search", "fox"])
        #expect(again.status == 0 && again.standardError.isEmpty, "\(again.output)")
        #expect(Self.keys(again) == [keys[0], keys[2]])
    }

    /// `ls --search` listed the whole bucket only on its first use, then only names newer than the newest known one:
    /// an image copied in under an older name was never found, and a deleted one stayed listed. `--refresh` lists
    /// the whole bucket at once; without it a full listing older than 10 minutes is made again.
    @Test func refreshListsTheWholeBucketSoOlderNamesAndDeletionsAreSeen() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-e2e-ls-refresh")
        defer { darkroom.home.remove() }
        let keys = try await Self.threeImages(darkroom)
        #expect(Self.keys(try await darkroom.run(["ls", "--local", "--search", "fox"])) == [keys[0], keys[2]])
        let bucket = darkroom.path("data/darkroom/bucket")
        // The oldest fox copied in under a name a year older, and the newest fox deleted.
        let older = "output-images/20251101T101010Z-7-0123abcd.png"
        try FileManager.default.copyItem(atPath: bucket + "/" + keys[2], toPath: bucket + "/" + older)
        try FileManager.default.removeItem(atPath: bucket + "/" + keys[0])

        let soon = try await darkroom.run(["ls", "--local", "--search", "fox"])
        #expect(Self.keys(soon) == [keys[0], keys[2]], "within 10 minutes of the full listing, only new names are listed")
        let refreshed = try await darkroom.run(["ls", "--local", "--search", "fox", "--refresh"])
        #expect(refreshed.status == 0, "\(refreshed.output)")
        #expect(Self.keys(refreshed) == [keys[2], older], "\(refreshed.output)")
        let refusal = try await darkroom.run(["ls", "--local", "--refresh"])
        #expect(refusal.status == 64 && refusal.standardError.contains("--refresh goes with --newest or --search"), "\(refusal.output)")
    }

    /// With a cache folder that cannot hold the catalog (`$XDG_CACHE_HOME/darkroom` a file), the app lists and
    /// searches without one, but `ls --search` failed (exit 1). It says why, naming the file, and answers the same
    /// search from a catalog kept in memory for the run.
    @Test func anUnusableCacheFolderIsNamedAndTheSearchAnswersWithoutKeepingACatalog() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-e2e-ls-no-cache")
        defer { darkroom.home.remove() }
        let keys = try await Self.threeImages(darkroom)
        try? FileManager.default.removeItem(atPath: darkroom.path("cache/darkroom"))
        try FileManager.default.createDirectory(atPath: darkroom.path("cache"), withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: darkroom.path("cache/darkroom")))

        let search = try await darkroom.run(["ls", "--local", "--search", "fox seed:42"])
        #expect(search.status == 0, "\(search.output)")
        #expect(Self.keys(search) == [keys[0]])
        #expect(search.standardError.contains(darkroom.path("cache/darkroom/")), "\(search.standardError)")
        #expect(search.standardError.contains("Answering without it this time"), "\(search.standardError)")
        let newest = try await darkroom.run(["ls", "--local", "--newest", "2"])
        #expect(newest.status == 0 && Self.keys(newest) == Array(keys.prefix(2)), "\(newest.output)")
    }
}
