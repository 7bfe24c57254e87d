import Foundation

/// The XDG folders the app keeps its files in.
public struct DataFolders: Sendable {
    /// `$XDG_DATA_HOME/darkroom`: prompt history, job history (the local bucket lives beside them).
    public let data: URL
    /// `$XDG_CONFIG_HOME/darkroom`: the config file.
    public let config: URL
    /// `$XDG_CACHE_HOME/darkroom/images`: downloaded images and thumbnails.
    public let cache: URL

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = URL(fileURLWithPath: environment["HOME"] ?? NSTemporaryDirectory())
        func folder(_ variable: String, _ fallback: String) -> URL {
            if let value = environment[variable], value.hasPrefix("/") { return URL(fileURLWithPath: value) }
            return home.appendingPathComponent(fallback)
        }
        data = folder("XDG_DATA_HOME", ".local/share").appendingPathComponent("darkroom", isDirectory: true)
        config = folder("XDG_CONFIG_HOME", ".config").appendingPathComponent("darkroom", isDirectory: true)
        cache = ImageCache.defaultFolder(environment: environment)
    }

    public var historyFile: PromptHistoryFile { PromptHistoryFile(url: data.appendingPathComponent("history")) }
    public var jobsFile: JobHistoryFile { JobHistoryFile(url: data.appendingPathComponent("jobs.json")) }
    public var configFile: URL { config.appendingPathComponent("config") }
}
