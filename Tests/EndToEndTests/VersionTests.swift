import Foundation
import Testing
import DarkroomTestSupport

/// `darkroom --version` names the version in the VERSION file and the commit the binary was built from,
/// both written into the build by Plugins/BuildInfoPlugin.
struct VersionTests {
    @Test func versionNamesTheVersionFileAndTheCheckoutsCommit() async throws {
        let root = TestData.packageRoot
        let version = try String(contentsOf: root.appendingPathComponent("VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try await Subprocess.run([BuiltProducts.executable("darkroom").path, "--version"])
        #expect(result.status == 0, "\(result.output)")
        // "unknown" unless the package is the top of a git checkout. The tree may have been edited since the
        // build, so either form of `-dirty` is taken.
        let top = try await Subprocess.run(["git", "-C", root.path, "rev-parse", "--show-toplevel"])
        let isCheckout = top.status == 0
            && URL(fileURLWithPath: top.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)).resolvingSymlinksInPath().path
                == root.resolvingSymlinksInPath().path
        let described = try await Subprocess.run(["git", "-C", root.path, "describe", "--always"])
        let commit = isCheckout && described.status == 0
            ? described.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) : "unknown"
        let line = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line == "darkroom \(version) (commit \(commit))" || line == "darkroom \(version) (commit \(commit)-dirty)")
    }
}
