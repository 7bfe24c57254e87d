/// Every setting darkroom reads, by its config file name (`key = value` in `$XDG_CONFIG_HOME/darkroom/config`).
public enum SettingKey: String, CaseIterable, Sendable {
    case backend, endpoint, bucket, profile, region, concurrency, graphics, mouse, auth
    case apiKey = "api_key"
    case sweepMaxImages = "sweep_max_images"
    case sweepConfirmOver = "sweep_confirm_over"

    /// The environment variable that sets it when neither an option nor the config file does. `profile` and
    /// `region` have none of darkroom's own: the AWS chain reads `AWS_PROFILE` and `AWS_REGION` itself.
    public var environmentVariable: String? {
        switch self {
        case .endpoint: "DARKROOM_API_ENDPOINT"
        case .bucket: "DARKROOM_BUCKET"
        case .graphics: "DARKROOM_GRAPHICS"
        case .mouse: "DARKROOM_MOUSE"
        case .auth: "DARKROOM_AUTH"
        case .apiKey: "DARKROOM_API_KEY"
        case .sweepMaxImages: "DARKROOM_SWEEP_MAX_IMAGES"
        case .sweepConfirmOver: "DARKROOM_SWEEP_CONFIRM_OVER"
        case .backend, .profile, .region, .concurrency: nil
        }
    }

    /// The keys as a user reads them in a message: "backend, endpoint, …".
    static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
