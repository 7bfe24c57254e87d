import DarkroomTestSupport
import Foundation
import Testing

/// A parent that ignores SIGCHLD hands that on through exec, and the kernel then reaps darkroom's children itself:
/// `waitpid` found none, so a `credential_process` that failed was reported as one that printed no JSON, as though
/// it had exited 0. darkroom takes the signal back at start and says how the program really ended.
struct IgnoredChildSignalTests {
    /// Execs the rest of its arguments with SIGCHLD ignored, as such a parent does.
    private static let ignoringSIGCHLD = [
        "python3", "-c", "import os, signal, sys; signal.signal(signal.SIGCHLD, signal.SIG_IGN); os.execvp(sys.argv[1], sys.argv[1:])",
    ]

    @Test func aFailedCredentialProcessIsReportedAsFailedWhateverTheParentDidWithSIGCHLD() async throws {
        let isolated = try IsolatedDarkroom("darkroom-ignored-sigchld")
        defer { isolated.home.remove() }
        try FileManager.default.createDirectory(atPath: isolated.path(".aws"), withIntermediateDirectories: true)
        try "[profile broken]\nregion = us-east-1\ncredential_process = sh -c 'exit 3'\n"
            .write(toFile: isolated.path(".aws/config"), atomically: true, encoding: .utf8)
        try await LoopbackPort.withRefusingPort { port in
            let environment = isolated.environment.merging(["AWS_ENDPOINT_URL_S3": "http://127.0.0.1:\(port)"]) { $1 }
            for parent in [[], Self.ignoringSIGCHLD] {
                // timeout first: it handles SIGCHLD itself, so its child starts with the default again.
                let listing = try await Subprocess.run(["timeout", "60"] + parent + [isolated.darkroom, "ls", "--profile", "broken", "--bucket", "b"],
                                                       environment: environment)
                let comment: Comment = "\(parent.isEmpty ? "a plain parent" : "a parent ignoring SIGCHLD"): \(listing.output)"
                #expect(listing.status == 1, comment)
                #expect(listing.standardError.contains("The credential_process of profile 'broken' failed: it exited with status 3"), comment)
            }
        }
    }
}
