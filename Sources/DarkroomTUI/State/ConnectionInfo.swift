/// Where the app is connected, for the status line.
public struct ConnectionInfo: Hashable, Sendable {
    /// "local", "api" or "bedrock".
    public var backend: String
    /// "s3://bucket" or a folder path.
    public var location: String
    public var region: String?
    public var profile: String?

    public init(backend: String, location: String, region: String? = nil, profile: String? = nil) {
        self.backend = backend
        self.location = location
        self.region = region
        self.profile = profile
    }
}
