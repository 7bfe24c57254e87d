import DarkroomTestSupport
import Foundation
import Testing

/// The built darkroom run in a home of its own (config, data and cache under a temporary folder), as the file and
/// path tests use it: each test gets a fresh one and removes it.
struct IsolatedDarkroom {
    let home: TemporaryDirectory
    let environment: [String: String]
    let darkroom = BuiltProducts.executable("darkroom").path

    init(_ label: String) throws {
        home = try TemporaryDirectory(label)
        environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.url.path,
            "XDG_CONFIG_HOME": home.url.appendingPathComponent("config").path,
            "XDG_DATA_HOME": home.url.appendingPathComponent("data").path,
            "XDG_CACHE_HOME": home.url.appendingPathComponent("cache").path,
        ]
    }

    /// A path inside the home.
    func path(_ relative: String) -> String {
        home.url.appendingPathComponent(relative).path
    }

    /// Runs darkroom with `arguments`, in `folder` when given (`env -C`), with `variables` added to the environment
    /// (which has no locale of its own). A run that has not ended after two minutes is stopped (status 124): a
    /// command that wrongly goes on, `serve` on a path it should refuse, fails the test.
    func run(_ arguments: [String], in folder: String? = nil, adding variables: [String: String] = [:]) async throws -> Subprocess.Result {
        try await Subprocess.run((folder.map { ["-C", $0] } ?? []) + ["timeout", "120", darkroom] + arguments,
                                 environment: environment.merging(variables) { $1 })
    }

    /// Makes one image on the local stack (with `--data` when given); its key.
    func generate(data: String? = nil) async throws -> String {
        let generated = try await run(["generate", "a fox", "--seed", "1", "--json"] + (data.map { ["--data", $0] } ?? []))
        try #require(generated.status == 0, "generate failed: \(generated.output)")
        let result = try JSONSerialization.jsonObject(with: Data(generated.standardOutput.utf8)) as? [String: Any]
        return try #require(result?["key"] as? String)
    }

    /// The image's bytes as the local stack stores them.
    func storedBytes(_ key: String) throws -> Data {
        try Data(contentsOf: home.url.appendingPathComponent("data/darkroom/bucket").appendingPathComponent(key))
    }
}
