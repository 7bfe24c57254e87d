import DarkroomTUI
import Foundation

extension AppConfiguration {
    /// The settings in `$XDG_CONFIG_HOME/darkroom/config` (empty when there is no file), the file's path, and
    /// each line that could not be used.
    static func fromConfigFile(environment: [String: String]) -> (settings: AppConfiguration, file: URL, problems: [String]) {
        let file = DataFolders(environment: environment).configFile
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let (settings, problems) = parse(configText: text, path: file.path)
        return (settings, file, problems)
    }
}
