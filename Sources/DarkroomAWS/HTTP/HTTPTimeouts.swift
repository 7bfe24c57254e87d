/// How long the transport waits to connect, and for data once connected.
public struct HTTPTimeouts: Sendable, Equatable {
    /// Time allowed to open the connection (TCP and TLS).
    public var connect: Duration
    /// Time allowed without receiving any data before the request fails (whole seconds, at least 1).
    public var read: Duration

    public init(connect: Duration = .seconds(60), read: Duration = .seconds(60)) {
        self.connect = connect
        self.read = read
    }

    /// The AWS SDKs' defaults: 60 s each.
    public static let standard = HTTPTimeouts()
    /// Bedrock image models can take minutes: the reference system read for up to 300 s.
    public static let bedrock = HTTPTimeouts(connect: .seconds(60), read: .seconds(300))
}
