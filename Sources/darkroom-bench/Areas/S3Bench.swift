import ArgumentParser
import DarkroomAWS
import DarkroomTestSupport
import Foundation

/// `darkroom-bench s3`: listing a large bucket from moto_server — wall time, the client's own work
/// (signing and XML parsing) against the time spent waiting, and `darkroom ls` against `aws s3 ls`.
struct S3Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "s3",
        abstract: "Time listing a bucket of many keys from moto_server (started here unless --endpoint is given)."
    )

    @Option(help: "An S3 endpoint to use instead of starting moto_server (path-style, any credentials).")
    var endpoint: String?

    @Option(help: "Keys in the bucket (created when missing).")
    var keys = 10_000

    @Option(help: "Keys per ListObjectsV2 page.")
    var pageSize = 1000

    @Option(help: "Timed listings per figure; the median is printed.")
    var runs = 3

    @Flag(help: "Skip the whole-process comparison with `aws s3 ls`.")
    var skipCLI = false

    static let bucket = "darkroom-bench"

    func run() async throws {
        guard keys > 0, pageSize > 0, runs > 0 else { throw ValidationError("--keys, --page-size and --runs must be positive.") }
        let moto = endpoint == nil ? try await MotoServer.start() : nil
        defer { moto?.stop() }
        guard let url = endpoint ?? moto?.endpoint else { return }
        let configuration = AWSConfiguration(
            region: "us-east-1", credentials: AWSCredentials(accessKeyID: "AKIDBENCH", secretAccessKey: "benchsecret"),
            endpointOverrides: [.s3: url])
        let client = S3Client(configuration: configuration, forcePathStyle: true)
        print("darkroom-bench s3: \(keys) keys in pages of \(pageSize) from \(url)")
        try await seed(client)

        var walls: [Double] = []
        var bodies: [[UInt8]] = []
        for _ in 0..<runs {
            let started = ContinuousClock.now
            var count = 0
            for try await _ in client.listAllObjects(bucket: Self.bucket, pageSize: pageSize) { count += 1 }
            walls.append((ContinuousClock.now - started).milliseconds)
            guard count == keys else { throw ValidationError("Listed \(count) keys, expected \(keys).") }
        }
        bodies = try await rawPages(client: client, endpoint: url)
        let wall = Samples(walls).median
        print(String(format: "list %d keys (%d pages), S3Client.listAllObjects: %.0f ms median of %d", keys, bodies.count, wall, runs))

        // The client's own work, timed alone on the same requests and responses.
        let signer = SigV4Signer(credentials: configuration.credentials, region: "us-east-1", service: "s3")
        let request = HTTPRequest(method: "GET", url: url + "/\(Self.bucket)?list-type=2&encoding-type=url&max-keys=\(pageSize)")
        let signing = try Self.time(runs) {
            for _ in bodies { _ = try request.signed(with: signer, date: Date(), options: .init(payload: .hashed, addsContentHashHeader: true)) }
        }
        let parsing = try Self.time(runs) {
            for body in bodies { _ = try S3Client.parseListPage(body) }
        }
        let clientWork = signing + parsing
        print(String(format: "  signing %d requests:      %7.1f ms", bodies.count, signing))
        print(String(format: "  parsing %d XML pages:     %7.1f ms", bodies.count, parsing))
        print(String(format: "  client share: %.1f%% (target < 10%%); waiting on the server and transport: %.0f ms",
                     100 * clientWork / wall, wall - clientWork))

        guard !skipCLI else { return }
        let environment = ProcessInfo.processInfo.environment.merging([
            "AWS_ACCESS_KEY_ID": "AKIDBENCH", "AWS_SECRET_ACCESS_KEY": "benchsecret", "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": url, "DARKROOM_BUCKET": Self.bucket,
        ]) { _, new in new }
        let darkroom = BuiltProducts.executable("darkroom").path
        let ours = Samples(try (0..<runs).map { _ in try Self.timeProcess([darkroom, "ls", "--prefix", ""], environment: environment) }).median
        print(String(format: "whole process, darkroom ls:  %.0f ms", ours))
        let theirs = Samples(try (0..<runs).map { _ in
            // --recursive: without it the CLI lists one level (the `bench/` prefix), a single request.
            try Self.timeProcess(["aws", "s3", "ls", "--recursive", "s3://\(Self.bucket)/"], environment: environment)
        }).median
        print(String(format: "whole process, aws s3 ls:    %.0f ms  → darkroom takes %.2f× the time (target ≤ 0.75×)", theirs, ours / theirs))
    }

    /// Puts the missing keys (`bench/00000.png`…), eight uploads at a time.
    private func seed(_ client: S3Client) async throws {
        try await client.createBucket(Self.bucket)
        let present = try await client.listAllObjects(bucket: Self.bucket).reduce(0) { count, _ in count + 1 }
        guard present < keys else { return }
        print("seeding \(keys - present) keys…")
        let names = (present..<keys).map { String(format: "bench/%05d.png", $0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<8 {
                group.addTask {
                    for index in stride(from: lane, to: names.count, by: 8) {
                        try await client.putObject(bucket: Self.bucket, key: names[index], body: Array("png".utf8), contentType: "image/png")
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// The listing's response bodies, fetched once for timing the parser on its own.
    private func rawPages(client: S3Client, endpoint: String) async throws -> [[UInt8]] {
        var bodies: [[UInt8]] = []
        var token: String?
        let signer = SigV4Signer(credentials: client.configuration.credentials, region: "us-east-1", service: "s3")
        repeat {
            var query: [(name: String, value: String)] = [("list-type", "2"), ("encoding-type", "url"), ("max-keys", String(pageSize))]
            if let token { query.append(("continuation-token", token)) }
            let request = HTTPRequest(method: "GET", url: endpoint + "/\(Self.bucket)?" + SignableRequest.encodeQuery(query))
            let response = try await client.http.send(try request.signed(with: signer, date: Date(), options: .init(addsContentHashHeader: true)))
            bodies.append(response.body)
            let page = try S3Client.parseListPage(response.body)
            token = page.isTruncated ? page.nextContinuationToken : nil
        } while token != nil
        return bodies
    }

    private static func time(_ runs: Int, _ work: () throws -> Void) throws -> Double {
        Samples(try (0..<runs).map { _ in try Stopwatch.milliseconds(of: work) }).median
    }

    private static func timeProcess(_ arguments: [String], environment: [String: String]) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let started = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("`\(arguments.joined(separator: " "))` exited with status \(process.terminationStatus).")
        }
        return (ContinuousClock.now - started).milliseconds
    }
}
