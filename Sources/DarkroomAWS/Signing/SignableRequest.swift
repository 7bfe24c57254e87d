/// The parts of an HTTP request that SigV4 signs.
///
/// `path` is the path as sent on the wire (already percent-encoded by whoever built the URL);
/// the query is kept as decoded `(name, value)` pairs so the signer can encode them canonically.
public struct SignableRequest: Sendable {
    public var method: String
    public var path: String
    public var query: [(name: String, value: String)]
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(method: String, path: String, query: [(name: String, value: String)] = [],
                headers: HTTPHeaders, body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Splits a raw query string (`a=1&b&c=`) into decoded pairs; a name without `=` has an empty value.
    public static func parseQuery(_ query: Substring) -> [(name: String, value: String)] {
        guard !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: "=") {
                return (PercentEncoding.decode(String(pair[..<equals])),
                        PercentEncoding.decode(String(pair[pair.index(after: equals)...])))
            }
            return (PercentEncoding.decode(String(pair)), "")
        }
    }

    /// Encodes decoded pairs the SigV4 way, in the order given.
    public static func encodeQuery(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value) }
            .joined(separator: "&")
    }
}
