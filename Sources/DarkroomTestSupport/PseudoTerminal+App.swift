import Foundation

extension PseudoTerminal {
    /// The built `darkroom` app on a pseudo-terminal, its config, data and cache folders under `home` (so it
    /// starts on the embedded local stack with an empty bucket unless told otherwise), UTF-8 and xterm-256color.
    /// `environment` adds or replaces variables; `arguments` go to `darkroom`.
    public static func darkroomApp(
        home: URL, arguments: [String] = [], environment: [String: String] = [:], width: Int = 100, height: Int = 30,
        cellPixels: (width: Int, height: Int)? = nil
    ) throws -> PseudoTerminal {
        let base = [
            "HOME": home.path, "XDG_DATA_HOME": home.appendingPathComponent("data").path,
            "XDG_CACHE_HOME": home.appendingPathComponent("cache").path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color", "PATH": "/usr/bin:/bin",
        ]
        return try PseudoTerminal(executable: BuiltProducts.executable("darkroom").path, arguments: arguments,
                                  environment: base.merging(environment) { _, added in added }, width: width, height: height,
                                  cellPixels: cellPixels)
    }
}
