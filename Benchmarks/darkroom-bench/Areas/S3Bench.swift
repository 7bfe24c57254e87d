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

    @OptionGroup var listingComparison: ListingComparison

    static let bucket = "darkroom-bench"

    func run() async throws {
        guard keys > 0, pageSize > 0, runs > 0 else { throw ValidationError("--keys, --page-size and --runs must be positive.") }
        let moto = endpoint == nil ? try await MotoServer.start() : nil
        defer { moto?.stop() }
        guard let url = endpoint ?? moto?.endpoint else { return }
        let client = BenchAccount.s3Client(endpoint: url)
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
        let signer = SigV4Signer(credentials: BenchAccount.credentials, region: BenchAccount.region, service: "s3")
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

        try await listingComparison.run(endpoint: url, bucket: Self.bucket, prefix: "bench/", keys: keys, rounds: runs,
                                  target: "darkroom ≤ 0.75× aws s3 ls")
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
        let signer = SigV4Signer(credentials: BenchAccount.credentials, region: BenchAccount.region, service: "s3")
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
}
