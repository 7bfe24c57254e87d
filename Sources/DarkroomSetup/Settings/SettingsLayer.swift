import DarkroomCore
import DarkroomTerminal
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The settings one source gives (options, the config file or the environment); nil where it says nothing.
/// Layers stack with `overridden(by:)`; `Settings(_:)` fills what none of them set with the defaults.
public struct SettingsLayer: Equatable, Sendable {
    public var backend: Settings.Backend?
    public var endpoint: String?
    public var bucket: String?
    public var profile: String?
    public var region: String?
    /// How many jobs run at once.
    public var concurrency: Int?
    /// `--data`: the local stack's data folder (options only).
    public var dataFolder: String?
    public var graphics: GraphicsPreference?
    public var mouse: Settings.Mouse?
    public var auth: Settings.APIAuth?
    public var apiKey: APIKey?
    public var sweepMaxImages: Int?
    public var sweepConfirmOver: Int?

    public init(backend: Settings.Backend? = nil, endpoint: String? = nil, bucket: String? = nil, profile: String? = nil,
                region: String? = nil, concurrency: Int? = nil, dataFolder: String? = nil, graphics: GraphicsPreference? = nil,
                mouse: Settings.Mouse? = nil, auth: Settings.APIAuth? = nil, apiKey: APIKey? = nil, sweepMaxImages: Int? = nil, sweepConfirmOver: Int? = nil) {
        self.backend = backend
        self.endpoint = endpoint
        self.bucket = bucket
        self.profile = profile
        self.region = region
        self.concurrency = concurrency
        self.dataFolder = dataFolder
        self.graphics = graphics
        self.mouse = mouse
        self.auth = auth
        self.apiKey = apiKey
        self.sweepMaxImages = sweepMaxImages
        self.sweepConfirmOver = sweepConfirmOver
    }

    /// Settings from a config file's text, and one problem per line it could not use.
    /// The config file as stored, line by line: a line that is not UTF-8 is a problem of its own, and the other lines
    /// still apply. Decoded whole, one Latin-1 "é" in a comment made the file unreadable, and every setting in it was
    /// dropped without a word. A comment's bytes do not matter, so one that is not UTF-8 is skipped quietly.
    public static func parse(configBytes: [UInt8], path: String) -> (SettingsLayer, problems: [String]) {
        let lines = configBytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { bytes -> String? in
            // A file saved on Windows ends its lines with "\r\n".
            let line = bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes
            if line.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) == UInt8(ascii: "#") { return "#" }
            return String(validating: line, as: UTF8.self)
        }
        return parse(lines: lines, path: path)
    }

    /// The lines of a config file, nil for one that is not text.
    private static func parse(lines: [String?], path: String) -> (SettingsLayer, problems: [String]) {
        var layer = SettingsLayer()
        var problems: [String] = []
        for (number, rawLine) in lines.enumerated() {
            let place = "\(path) line \(number + 1)"
            guard let rawLine else {
                problems.append(SettingsError.notUTF8(place: place).description)
                continue
            }
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
            do throws(SettingsError) {
                guard parts.count == 2, !parts[1].isEmpty else { throw .notKeyValue(place: place) }
                guard let key = SettingKey(rawValue: parts[0]) else { throw .unknownKey(place: place, key: parts[0]) }
                try layer.set(key, to: parts[1], place: place)
            } catch {
                problems.append(error.description)
            }
        }
        return (layer, problems)
    }

    /// The settings darkroom's environment variables give (`SettingKey.environmentVariable`); empty ones
    /// count as unset.
    public static func fromEnvironment(_ environment: [String: String]) -> (SettingsLayer, problems: [String]) {
        var layer = SettingsLayer()
        var problems: [String] = []
        for key in SettingKey.allCases {
            guard let variable = key.environmentVariable, let value = environment[variable], !value.isEmpty else { continue }
            do throws(SettingsError) {
                try layer.set(key, to: value, place: variable)
            } catch {
                problems.append(error.description)
            }
        }
        return (layer, problems)
    }

    /// Sets `key` from its text, or says (naming `place`) why the value cannot be used.
    public mutating func set(_ key: SettingKey, to value: String, place: String) throws(SettingsError) {
        func choice<T: RawRepresentable & CaseIterable>(_: T.Type) throws(SettingsError) -> T where T.RawValue == String {
            guard let chosen = T(rawValue: value) else {
                let names = T.allCases.map(\.rawValue)
                let allowed = names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
                throw .invalidValue(place: place, key: key, reason: "\(key.rawValue) \(value) is unknown; use \(allowed).")
            }
            return chosen
        }
        func count(atLeast minimum: Int) throws(SettingsError) -> Int {
            guard let number = Int(value), number >= minimum else {
                let bound = minimum == 0 ? "of 0 or more" : "above \(minimum - 1)"
                throw .invalidValue(place: place, key: key, reason: "\(key.rawValue) must be a whole number \(bound).")
            }
            return number
        }
        switch key {
        case .backend: backend = try choice(Settings.Backend.self)
        case .endpoint:
            guard value.hasPrefix("http://") || value.hasPrefix("https://") else {
                throw .invalidValue(place: place, key: key, reason: "endpoint \(value) is not an http:// or https:// URL.")
            }
            endpoint = value
        case .bucket: bucket = value
        case .profile: profile = value
        case .region: region = value
        case .concurrency: concurrency = try count(atLeast: 1)
        case .graphics: graphics = try choice(GraphicsPreference.self)
        case .mouse: mouse = try choice(Settings.Mouse.self)
        case .auth: auth = try choice(Settings.APIAuth.self)
        case .apiKey:
            // The reason never repeats the value: it is a secret.
            guard !value.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }) else {
                throw .invalidValue(place: place, key: key, reason: "api_key must be one word, without spaces or control characters.")
            }
            apiKey = APIKey(value)
        case .sweepMaxImages: sweepMaxImages = try count(atLeast: 1)
        case .sweepConfirmOver: sweepConfirmOver = try count(atLeast: 0)
        }
    }

    /// These settings with every value `other` sets taking precedence.
    public func overridden(by other: SettingsLayer) -> SettingsLayer {
        SettingsLayer(
            backend: other.backend ?? backend, endpoint: other.endpoint ?? endpoint, bucket: other.bucket ?? bucket,
            profile: other.profile ?? profile, region: other.region ?? region, concurrency: other.concurrency ?? concurrency,
            dataFolder: other.dataFolder ?? dataFolder, graphics: other.graphics ?? graphics,
            mouse: other.mouse ?? mouse, auth: other.auth ?? auth,
            apiKey: other.apiKey ?? apiKey, sweepMaxImages: other.sweepMaxImages ?? sweepMaxImages,
            sweepConfirmOver: other.sweepConfirmOver ?? sweepConfirmOver
        )
    }

    /// The first problem with values set as options (which no parser has checked, such as `--concurrency 0`).
    public func validationProblem() -> SettingsError? {
        var check = SettingsLayer()
        let given: [(SettingKey, String?, String)] = [
            (.concurrency, concurrency.map(String.init), "--concurrency"),
            (.endpoint, endpoint, "--endpoint"),
            (.sweepMaxImages, sweepMaxImages.map(String.init), "--sweep-max-images"),
            (.sweepConfirmOver, sweepConfirmOver.map(String.init), "--sweep-confirm-over"),
        ]
        for (key, value, place) in given {
            guard let value else { continue }
            do throws(SettingsError) { try check.set(key, to: value, place: place) } catch { return error }
        }
        return nil
    }
}
