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
    /// The most images one sweep may make (`sweep_max_images`, default 64).
    public var sweepMaxImages: Int?
    /// Sweeps on a paid backend with more images need confirming (`sweep_confirm_over`, default 20).
    public var sweepConfirmOver: Int?

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
            case "sweep_max_images", "sweep_confirm_over":
                if let count = Int(value), count >= 0 {
                    if parts[0] == "sweep_max_images" { configuration.sweepMaxImages = count } else { configuration.sweepConfirmOver = count }
                } else {
                    problems.append("\(place): \(parts[0]) must be a whole number.")
                }
            default:
                problems.append("\(place): \(parts[0]) is not a setting (backend, endpoint, bucket, profile, region, concurrency, sweep_max_images, sweep_confirm_over).")
            }
        }
        return (configuration, problems)
    }

    /// These settings with every value `other` sets taking precedence.
    public func overridden(by other: AppConfiguration) -> AppConfiguration {
        var result = AppConfiguration(backend: other.backend ?? backend, endpoint: other.endpoint ?? endpoint, bucket: other.bucket ?? bucket,
                                      profile: other.profile ?? profile, region: other.region ?? region,
                                      concurrency: other.concurrency ?? concurrency)
        result.sweepMaxImages = other.sweepMaxImages ?? sweepMaxImages
        result.sweepConfirmOver = other.sweepConfirmOver ?? sweepConfirmOver
        return result
    }
}
