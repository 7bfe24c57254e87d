#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// darkroom's XDG base directories, resolved in this one place: `$XDG_*_HOME` when absolute (the
/// specification ignores relative ones), else under `$HOME`, else under the user's home from the password database.
public struct DarkroomFolders: Equatable, Sendable {
    /// `$XDG_DATA_HOME/darkroom`: prompt and job history, and the local stack's `bucket/`.
    public let data: URL
    /// `$XDG_CONFIG_HOME/darkroom`: the config file.
    public let config: URL
    /// `$XDG_CACHE_HOME/darkroom`: what can be fetched or computed again.
    public let cache: URL

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home: URL
        if let value = environment["HOME"], value.hasPrefix("/") {
            home = URL(fileURLWithPath: value, isDirectory: true)
        } else {
            home = FileManager.default.homeDirectoryForCurrentUser
        }
        func folder(_ variable: String, _ fallback: String) -> URL {
            let base = environment[variable].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0, isDirectory: true) : nil }
                ?? home.appendingPathComponent(fallback, isDirectory: true)
            return base.appendingPathComponent("darkroom", isDirectory: true)
        }
        data = folder("XDG_DATA_HOME", ".local/share")
        config = folder("XDG_CONFIG_HOME", ".config")
        cache = folder("XDG_CACHE_HOME", ".cache")
    }

    /// `$XDG_CONFIG_HOME/darkroom/config`: `key = value` lines (see `SettingKey`).
    public var configFile: URL { config.appendingPathComponent("config") }

    /// Downloaded images and thumbnails, keyed by ETag.
    public var imageCache: URL { cache.appendingPathComponent("images", isDirectory: true) }

    /// The local stack's bucket: `<dataFolder>/bucket` when a data folder is given (`--data`), else `data/bucket`.
    public func localBucket(dataFolder: String? = nil) -> URL {
        let base = dataFolder.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? data
        return base.appendingPathComponent("bucket", isDirectory: true)
    }
}
