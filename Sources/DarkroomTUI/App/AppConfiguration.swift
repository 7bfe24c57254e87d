import Foundation

/// The app's settings: command-line options over the config file (`key = value` lines) over defaults.
public struct AppConfiguration: Equatable, Sendable {
    /// The backends the app can talk to.
    public enum Backend: String, CaseIterable, Sendable {
        case local, api, bedrock
    }

    public var backend: Backend?
    public var endpoint: String?
    public var bucket: String?
    public var profile: String?
    public var region: String?
    /// How many jobs run at once.
    public var concurrency: Int?

    public init(backend: Backend? = nil, endpoint: String? = nil, bucket: String? = nil, profile: String? = nil,
                region: String? = nil, concurrency: Int? = nil) {
        self.backend = backend
        self.endpoint = endpoint
        self.bucket = bucket
        self.profile = profile
        self.region = region
        self.concurrency = concurrency
    }

    /// Settings from a config file's text, and one problem per line it could not use.
    public static func parse(configText: String, path: String) -> (AppConfiguration, problems: [String]) {
        var configuration = AppConfiguration()
        var problems: [String] = []
        for (number, rawLine) in configText.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let place = "\(path) line \(number + 1)"
            guard parts.count == 2, !parts[1].isEmpty else {
                problems.append("\(place) is not `key = value`; fix or remove it.")
                continue
            }
            let value = parts[1]
            switch parts[0] {
            case "backend":
                if let backend = Backend(rawValue: value) {
                    configuration.backend = backend
                } else {
                    problems.append("\(place): backend \(value) is unknown; use local, api or bedrock.")
                }
            case "endpoint": configuration.endpoint = value
            case "bucket": configuration.bucket = value
            case "profile": configuration.profile = value
            case "region": configuration.region = value
            case "concurrency":
                if let count = Int(value), count > 0 {
                    configuration.concurrency = count
                } else {
                    problems.append("\(place): concurrency must be a whole number above 0.")
                }
            default:
                problems.append("\(place): \(parts[0]) is not a setting (backend, endpoint, bucket, profile, region, concurrency).")
            }
        }
        return (configuration, problems)
    }

    /// These settings with every value `other` sets taking precedence.
    public func overridden(by other: AppConfiguration) -> AppConfiguration {
        AppConfiguration(backend: other.backend ?? backend, endpoint: other.endpoint ?? endpoint, bucket: other.bucket ?? bucket,
                         profile: other.profile ?? profile, region: other.region ?? region,
                         concurrency: other.concurrency ?? concurrency)
    }
}
