import ArgumentParser
import DarkroomBackend
import DarkroomTestSupport
import Foundation

/// `darkroom ls` beside `s5cmd ls` and `aws s3 ls` (those installed), whole processes listing the same keys from
/// the same endpoint, alternated round by round so machine load hits them alike: the s3 and gallery areas' last figure.
struct ListingComparison: ParsableArguments {
    @Flag(help: "Skip the whole-process comparison with s5cmd and the AWS CLI.")
    var skipCLI = false

    /// Lists `prefix` of `bucket` at `endpoint` `rounds` times with each tool; each must print at least `keys` lines.
    /// `target` is the area's goal, printed beside the ratios.
    func run(endpoint: String, bucket: String, prefix: String, keys: Int, rounds: Int, target: String) async throws {
        guard !skipCLI else { return }
        // The floor under every tool: the same keys as one stream of 1,000-key pages from this process, with no
        // process to start and nothing to print. Against moto this is moto's own work, nearly all of it.
        let store = S3Storage(bucket: bucket, client: BenchAccount.s3Client(endpoint: endpoint))
        var floors: [Double] = []
        for _ in 0..<rounds {
            let started = ContinuousClock.now
            _ = try await store.listAll(prefix: prefix)
            floors.append((ContinuousClock.now - started).milliseconds)
        }
        // The children inherit this process's environment (TimedProcess spawns with `environ`).
        let cache = NSTemporaryDirectory() + "darkroom-bench-ls-cache"
        for (name, value) in BenchAccount.environment(endpoint: endpoint).merging(["XDG_CACHE_HOME": cache], uniquingKeysWith: { $1 }) {
            setenv(name, value, 1)
        }
        var commands = [("darkroom ls", BuiltProducts.executable("darkroom").path, ["ls", "--bucket", bucket, "--prefix", prefix])]
        if let s5cmd = Self.locate("s5cmd") { commands.append(("s5cmd ls", s5cmd, ["--endpoint-url", endpoint, "ls", "s3://\(bucket)/\(prefix)*"])) }
        // --recursive: without it the CLI lists one level below the prefix.
        if let aws = Self.locate("aws") { commands.append(("aws s3 ls", aws, ["s3", "ls", "--recursive", "s3://\(bucket)/\(prefix)"])) }
        var walls: [String: [Double]] = [:]
        let output = NSTemporaryDirectory() + "darkroom-bench-ls.out"
        for round in 0..<rounds {
            for (label, executable, arguments) in commands {
                let run = try TimedProcess.run(executable, arguments, outputPath: output)
                let lines = run.output.split(separator: UInt8(ascii: "\n")).count
                guard lines >= keys else { throw ValidationError("\(label) printed \(lines) lines, expected \(keys).") }
                print(String(format: "  round %d %-12@ %6.0f ms wall, %6.0f ms CPU", round + 1, label as NSString, run.wallMilliseconds, run.cpuMilliseconds))
                walls[label, default: []].append(run.wallMilliseconds)
            }
        }
        let ours = Samples(walls["darkroom ls"] ?? [0]).median
        var line = String(format: "listing %d keys, whole process (median of %d): darkroom ls %.0f ms", keys, rounds, ours)
        for label in ["s5cmd ls", "aws s3 ls"] {
            guard let theirWalls = walls[label] else { line += "; \(label) not installed"; continue }
            let theirs = Samples(theirWalls).median
            line += String(format: "; %@ %.0f ms (darkroom %.2f×)", label as NSString, theirs, ours / theirs)
        }
        print(line + " (target: \(target))")
        let floor = Samples(floors).median
        var floorLine = String(format: "  the store's own time for those keys (one stream of 1,000-key pages in this process, median of %d): %.0f ms", rounds, floor)
        if let theirWalls = walls["s5cmd ls"] { floorLine += String(format: ", %.2f× s5cmd ls", floor / Samples(theirWalls).median) }
        print(floorLine)
    }

    private static func locate(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
