import DarkroomAWS
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// darkroom's composition root: the settings in force, the folders, and (in `Factory/`) the one place that
/// turns them into generation clients, image stores and the app. The app and every command start here.
public struct Setup: Sendable {
    public let settings: Settings
    public let folders: DarkroomFolders
    /// The config file read (it may not exist).
    public let configFile: URL
    /// Each config file line or environment variable that could not be used, as a sentence. The app shows
    /// the first in its status line; commands refuse to run (`requireUsableSettings`).
    public let problems: [String]
    /// The environment settings were read from; the AWS chain, the HTTP transport and the terminal probe read it too.
    public let environment: [String: String]

    public init(settings: Settings, folders: DarkroomFolders, configFile: URL, problems: [String], environment: [String: String]) {
        self.settings = settings
        self.folders = folders
        self.configFile = configFile
        self.problems = problems
        self.environment = environment
    }

    /// Resolves the settings: `options` over the config file over darkroom's environment variables over the
    /// AWS profile's `darkroom_bucket`, then defaults. Options are checked by their parser and
    /// `SettingsLayer.validationProblem`; file and environment problems are collected, not thrown.
    public static func resolve(options: SettingsLayer = SettingsLayer(),
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> Setup {
        let folders = DarkroomFolders(environment: environment)
        let configFile = folders.configFile
        var (fromFile, fileProblems) = (SettingsLayer(), [String]())
        if FileManager.default.fileExists(atPath: configFile.path) {
            do {
                (fromFile, fileProblems) = SettingsLayer.parse(configBytes: Array(try Data(contentsOf: configFile)), path: configFile.path)
            } catch {
                fileProblems = [SettingsError.unreadableFile(path: configFile.path, reason: error.fileSystemReason).description]
            }
        }
        let (fromEnvironment, environmentProblems) = SettingsLayer.fromEnvironment(environment)
        var layer = fromEnvironment.overridden(by: fromFile).overridden(by: options)
        if layer.bucket == nil {
            // Reading the profile's keys resolves no credentials (no credential_process runs).
            let profileSettings = try? AWSConfiguration.profileSettings(profile: layer.profile, environment: environment)
            layer.bucket = profileSettings?["darkroom_bucket"].flatMap { $0.isEmpty ? nil : $0 }
        }
        return Setup(settings: Settings(layer), folders: folders, configFile: configFile,
                     problems: fileProblems + environmentProblems, environment: environment)
    }

    /// Throws the first settings problem: commands do not run on settings they could not read.
    public func requireUsableSettings() throws(SetupError) {
        if let problem = problems.first { throw .settings(problem) }
    }
}
