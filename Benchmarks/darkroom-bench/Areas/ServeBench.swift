import ArgumentParser
import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomServer
import DarkroomTestSupport
import Foundation

/// `darkroom-bench serve`: requests per second and latency of the local stack over loopback, with the
/// local preview engine, driven by concurrent HTTP clients (libcurl).
struct ServeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Requests per second and latency percentiles of the local stack (local preview engine) over loopback."
    )

    @Option(help: "Generation requests to send after the warm-up.")
    var requests = 64

    @Option(help: "Requests in flight at once.")
    var concurrency = 4

    @Option(help: "Model id; its default size is used (the engine's time grows with the pixel count).")
    var model = ModelCatalog.defaultModel.rawValue

    @Option(help: "Health-check requests to send, measuring the HTTP path alone.")
    var healthRequests = 2000

    func run() async throws {
        let bucket = try TemporaryDirectory("darkroom-bench")
        defer { bucket.remove() }
        let stack = try await LocalStack.start(bucket: bucket.url)
        defer { Task { await stack.stop() } }
        let client = HTTPClient(maxIdleConnections: concurrency)
        let generationURL = stack.baseURL + ImageGenerationHandler.path

        print("local stack \(stack.baseURL), engine: \(LocalPreviewEngine.label), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let healthRequest: @Sendable (Int) -> HTTPRequest = { _ in HTTPRequest(method: "GET", url: stack.baseURL + "/health") }
        // Each pass starts with one request per worker unmeasured, so connection setup is not counted.
        _ = try await Load.run(count: concurrency, concurrency: concurrency, client: client, request: healthRequest)
        let health = try await Load.run(count: healthRequests, concurrency: concurrency, client: client, request: healthRequest)
        print(health.report(title: "GET /health", concurrency: concurrency))

        let makeRequest: @Sendable (Int) -> HTTPRequest = { [model] index in
            let body = #"{"message": "A cat running a marathon", "seed": \#(index), "model": "\#(model)"}"#
            return HTTPRequest(method: "POST", url: generationURL, headers: ["content-type": "application/json"], body: Array(body.utf8))
        }
        _ = try await Load.run(count: concurrency, concurrency: concurrency, client: client, request: makeRequest)
        let generation = try await Load.run(count: requests, concurrency: concurrency, client: client, request: makeRequest)
        print(generation.report(title: "POST /image-generation \(model)", concurrency: concurrency))
    }
}

/// A fixed number of requests sent by `concurrency` workers; every latency is kept.
private struct Load {
    var latencies: [Duration]
    var failures: Int
    var elapsed: Duration

    static func run(
        count: Int, concurrency: Int, client: HTTPClient, request: @escaping @Sendable (Int) -> HTTPRequest
    ) async throws -> Load {
        let counter = NextIndex(limit: count)
        let clock = ContinuousClock()
        let start = clock.now
        let results = try await withThrowingTaskGroup(of: ([Duration], Int).self) { group in
            for _ in 0..<max(1, concurrency) {
                group.addTask {
                    var latencies: [Duration] = [], failures = 0
                    while let index = await counter.next() {
                        let sent = clock.now
                        let response = try await client.send(request(index), retry: .none)
                        latencies.append(clock.now - sent)
                        if response.status != 200 { failures += 1 }
                    }
                    return (latencies, failures)
                }
            }
            return try await group.reduce(into: [([Duration], Int)]()) { $0.append($1) }
        }
        return Load(latencies: results.flatMap(\.0).sorted(), failures: results.map(\.1).reduce(0, +), elapsed: clock.now - start)
    }

    func report(title: String, concurrency: Int) -> String {
        let seconds = elapsed.milliseconds / 1000
        let rate = seconds > 0 ? Double(latencies.count) / seconds : 0
        let samples = Samples(latencies.map(\.milliseconds))
        func ms(_ value: Double) -> String { String(format: "%.1f ms", value) }
        return String(format: "%@: %d requests, concurrency %d, %.1f req/s", title, latencies.count, concurrency, rate)
            + ", p50 \(ms(samples.median)), p90 \(ms(samples.percentile(0.9))), p99 \(ms(samples.percentile(0.99))), max \(ms(samples.maximum))"
            + (failures > 0 ? ", \(failures) not 200" : "")
    }
}

/// Hands out request indices 0..<limit to the workers.
private actor NextIndex {
    private var value = 0
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    func next() -> Int? {
        guard value < limit else { return nil }
        defer { value += 1 }
        return value
    }
}
