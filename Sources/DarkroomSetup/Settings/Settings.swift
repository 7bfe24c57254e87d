import DarkroomCore
import DarkroomTerminal

/// The settings in force: options over the config file over the environment over the AWS profile (the
/// bucket only), with defaults for the rest. Built by `Setup.resolve`; its description never shows the API key.
public struct Settings: Equatable, Sendable, CustomStringConvertible {
    /// The backends darkroom can talk to.
    public enum Backend: String, CaseIterable, Sendable {
        case local, api, bedrock
    }

    /// How the api backend authenticates to the deployed API.
    public enum APIAuth: String, CaseIterable, Sendable {
        /// SigV4 with the AWS credentials (the template's default).
        case iam
        /// An `x-api-key` header with `apiKey`.
        case apiKey = "api-key"
        /// Nothing: an API open to its callers.
        case none
    }

    /// Whether the app takes the mouse (clicks and the wheel) or leaves it to the terminal, whose own selection
    /// then needs no Shift.
    public enum Mouse: String, CaseIterable, Sendable {
        case on, off
    }

    /// Jobs that run at once unless set.
    public static let defaultConcurrency = 2

    public var backend: Backend
    /// The api backend's URL: the stack output ImageGenerationEndpoint, or the stage URL.
    public var endpoint: String?
    /// The S3 bucket the gallery lists and the bedrock backend stores in.
    public var bucket: String?
    /// The AWS profile; nil lets the AWS chain choose (`AWS_PROFILE`, else `default`).
    public var profile: String?
    /// The AWS region; nil lets the AWS chain choose (`AWS_REGION`, else the profile's).
    public var region: String?
    public var concurrency: Int
    /// `--data`: the local stack's data folder; nil means `$XDG_DATA_HOME/darkroom`.
    public var dataFolder: String?
    /// How images should be drawn; the terminal capability probe decides what is possible.
    public var graphics: GraphicsPreference
    public var mouse: Mouse
    public var auth: APIAuth
    public var apiKey: APIKey?
    public var sweepLimits: SweepLimits

    /// `layer`'s values, with defaults where it sets none.
    public init(_ layer: SettingsLayer = SettingsLayer()) {
        backend = layer.backend ?? .local
        endpoint = layer.endpoint
        bucket = layer.bucket
        profile = layer.profile
        region = layer.region
        concurrency = layer.concurrency ?? Self.defaultConcurrency
        dataFolder = layer.dataFolder
        graphics = layer.graphics ?? .auto
        mouse = layer.mouse ?? .on
        auth = layer.auth ?? .iam
        apiKey = layer.apiKey
        sweepLimits = SweepLimits(maxImages: layer.sweepMaxImages ?? SweepLimits.standard.maxImages,
                                  confirmOver: layer.sweepConfirmOver ?? SweepLimits.standard.confirmOver)
    }

    public var description: String {
        let values: [(SettingKey, String?)] = [
            (.backend, backend.rawValue), (.endpoint, endpoint), (.bucket, bucket), (.profile, profile), (.region, region),
            (.concurrency, String(concurrency)), (.graphics, graphics.rawValue), (.mouse, mouse.rawValue), (.auth, auth.rawValue),
            (.apiKey, apiKey?.description), (.sweepMaxImages, String(sweepLimits.maxImages)),
            (.sweepConfirmOver, String(sweepLimits.confirmOver)),
        ]
        return values.compactMap { key, value in value.map { "\(key.rawValue) = \($0)" } }.joined(separator: "\n")
    }
}
