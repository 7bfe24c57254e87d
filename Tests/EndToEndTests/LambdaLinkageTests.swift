import Foundation
import Testing
import DarkroomTestSupport

/// The gallery's catalog (SQLite) belongs to the app and the CLI, never to the Lambda package.
struct LambdaLinkageTests {
    @Test func bootstrapDoesNotLinkSQLiteButDarkroomDoes() async throws {
        let bootstrap = try await Subprocess.run(["ldd", BuiltProducts.executable("bootstrap").path])
        try #require(bootstrap.status == 0, "\(bootstrap.output)")
        #expect(!bootstrap.standardOutput.contains("libsqlite3"))
        // The same check on the app, so the test can tell the difference.
        let darkroom = try await Subprocess.run(["ldd", BuiltProducts.executable("darkroom").path])
        #expect(darkroom.standardOutput.contains("libsqlite3"))
    }
}
