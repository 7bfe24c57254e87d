import Foundation

/// Locates the project's shared, third-party test data (`../shared/testdata` beside the package root).
public enum TestData {
    /// The package root, found from this file's compile-time path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // DarkroomTestSupport
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()

    /// `$DARKROOM_TESTDATA` when set, else `<package root>/../shared/testdata`.
    public static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["DARKROOM_TESTDATA"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata")
    }()

    /// A file or folder inside the test data, for example `url("pngsuite/png")`.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// The bytes of a test data file.
    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relativePath)))
    }
}
