/// Why a setting (an option, a config file line or an environment variable) could not be used. Secret
/// values never appear in a description.
public enum SettingsError: Error, Equatable, CustomStringConvertible {
    /// A config file line that is not `key = value`.
    case notKeyValue(place: String)
    /// A config file key darkroom does not know.
    case unknownKey(place: String, key: String)
    /// A known key with a value it cannot take; `reason` says what would be right.
    case invalidValue(place: String, key: SettingKey, reason: String)

    public var description: String {
        switch self {
        case .notKeyValue(let place):
            "\(place) is not `key = value`; fix or remove it."
        case .unknownKey(let place, let key):
            "\(place): \(key) is not a setting (\(SettingKey.list))."
        case .invalidValue(let place, _, let reason):
            "\(place): \(reason)"
        }
    }
}
