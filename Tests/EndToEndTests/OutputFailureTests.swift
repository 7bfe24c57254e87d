import DarkroomTestSupport
import Foundation
import Testing

/// Standard output that cannot be written (a full disk, a descriptor the caller closed): each command says so in
/// one line and exits 1, where Foundation's FileHandle used to crash with a backtrace and `print` lost the text
/// silently with status 0. What the command stores is stored all the same.
struct OutputFailureTests {
    let home: TemporaryDirectory
    let environment: [String: String]
    let darkroom = BuiltProducts.executable("darkroom").path

    init() throws {
        home = try TemporaryDirectory("darkroom-output-failure")
        environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.url.path,
            "XDG_CONFIG_HOME": home.url.appendingPathComponent("config").path,
            "XDG_DATA_HOME": home.url.appendingPathComponent("data").path,
            "XDG_CACHE_HOME": home.url.appendingPathComponent("cache").path,
        ]
    }

    /// Runs darkroom with standard output sent where the shell redirection `redirect` says (`> /dev/full`, `>&-`).
    private func run(_ arguments: [String], stdout redirect: String) async throws -> Subprocess.Result {
        try await Subprocess.run(["/bin/sh", "-c", "exec \"$@\" \(redirect)", "sh", darkroom] + arguments, environment: environment)
    }

    private func expectReported(_ result: Subprocess.Result, reason: String, _ comment: Comment) {
        #expect(result.status == 1, comment)
        #expect(result.standardError.contains("Error: Cannot write to standard output: \(reason)."), "\(comment): \(result.output)")
        #expect(!result.standardError.contains("crashed") && !result.standardError.contains("Fatal error"), "\(comment): \(result.output)")
    }

    @Test func aFullDiskOrAClosedDescriptorIsReportedNotCrashedOn() async throws {
        defer { home.remove() }
        // generate prints through stdio (flushed at exit); the image is stored before that.
        let generated = try await run(["generate", "a lighthouse at dusk", "--seed", "7"], stdout: ">&-")
        expectReported(generated, reason: "Bad file descriptor", "generate with standard output closed")
        let listing = try await Subprocess.run([darkroom, "ls"], environment: environment)
        #expect(listing.status == 0, "\(listing.output)")
        let key = try #require(listing.standardOutput.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(key.hasPrefix("output-images/") && key.contains("-7-"), "the image was stored: \(listing.output)")

        // ls and get write in blocks with write(2); --help goes through ArgumentParser's print.
        expectReported(try await run(["ls"], stdout: "> /dev/full"), reason: "No space left on device", "ls > /dev/full")
        expectReported(try await run(["ls", "--json"], stdout: ">&-"), reason: "Bad file descriptor", "ls --json >&-")
        expectReported(try await run(["get", key, "-o", "-"], stdout: "> /dev/full"), reason: "No space left on device", "get -o - > /dev/full")
        expectReported(try await run(["--help"], stdout: "> /dev/full"), reason: "No space left on device", "--help > /dev/full")
        let show = try await run(["show", TestData.url("pngsuite/png/basn2c08.png").path, "--graphics", "blocks", "--size", "8x4"],
                                 stdout: "> /dev/full")
        expectReported(show, reason: "No space left on device", "show > /dev/full")
    }

    @Test func aSweepWithItsStandardOutputGoneStillStoresEveryImageAndTheManifest() async throws {
        defer { home.remove() }
        let sweep = try await run(["generate", "a fox", "--seed", "3", "--sweep", "steps=20,30", "--json"], stdout: "> /dev/full")
        expectReported(sweep, reason: "No space left on device", "a --json sweep > /dev/full")
        let bucket = home.url.appendingPathComponent("data/darkroom/bucket")
        let images = try FileManager.default.contentsOfDirectory(atPath: bucket.appendingPathComponent("output-images").path)
        #expect(images.filter { $0.hasSuffix(".png") }.count == 2, "\(images)")
        let records = try FileManager.default.contentsOfDirectory(atPath: bucket.appendingPathComponent("output-sweeps").path)
        let manifest = try #require(records.first { $0.hasSuffix(".json") })
        let text = try String(contentsOf: bucket.appendingPathComponent("output-sweeps/\(manifest)"), encoding: .utf8)
        #expect(text.contains("\"finished\""), "\(text)")
    }
}
