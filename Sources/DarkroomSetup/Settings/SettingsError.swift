/// Why a setting (an option, a config file line or an environment variable) could not be used. Secret
/// values never appear in a description.
public enum SettingsError: Error, Equatable, CustomStringConvertible {
    /// A config file line that is not `key = value`.
    case notKeyValue(place: String)
    /// A config file key darkroom does not know.
    case unknownKey(place: String, key: String)
    /// A known key with a value it cannot take; `reason` says what would be right.
    case invalidValue(place: String, key: SettingKey, reason: String)
    /// A config file line that is not UTF-8 text (a file saved as Latin-1, say).
    case notUTF8(place: String)
    /// The config file exists but cannot be read (permissions, a folder in its place).
    case unreadableFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .notKeyValue(let place):
            "\(place) is not `key = value`; fix or remove it."
        case .unknownKey(let place, let key):
            "\(place): \(key) is not a setting (\(SettingKey.list))."
        case .invalidValue(let place, _, let reason):
            "\(place): \(reason)"
        case .notUTF8(let place):
            "\(place) is not UTF-8 text, so it is skipped; save the file as UTF-8."
        case .unreadableFile(let path, let reason):
            "\(path) cannot be read (\(reason)), so none of its settings apply; fix its permissions or remove it."
        }
    }
}
