/// The deployed API's key (`api_key`, `DARKROOM_API_KEY`). Its description and mirror never show it, so
/// printing settings or an error cannot leak it.
public struct APIKey: Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    /// The key itself, for the `x-api-key` header only.
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "(an API key, not shown)" }

    public var customMirror: Mirror { Mirror(self, children: []) }
}
