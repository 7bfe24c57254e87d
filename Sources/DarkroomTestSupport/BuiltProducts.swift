import Foundation

/// Finds executables built by the same `swift build`/`swift test` run as the tests themselves.
public enum BuiltProducts {
    /// The build products folder: the directory of the running test binary (`.build/<triple>/debug`).
    public static let directory: URL = {
        let runningBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = runningBinary.deletingLastPathComponent()
        // On Linux the test runner lives inside `<name>.xctest` only on some toolchains; step out of it.
        while folder.pathExtension == "xctest" || folder.lastPathComponent == "Contents" || folder.lastPathComponent == "MacOS" {
            folder = folder.deletingLastPathComponent()
        }
        return folder
    }()

    /// The path of a built executable product, for example `executable("darkroom")`.
    public static func executable(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }
}
