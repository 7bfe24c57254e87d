#if canImport(FoundationEssentials)
import struct FoundationEssentials.Date
#else
import struct Foundation.Date
#endif

/// An HTTP request as the transport sends it.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The full URL, already percent-encoded (`https://host[:port]/path?query`).
    public var url: String
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(method: String, url: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The URL split into its parts; nil when it is not `http(s)://authority[/path][?query]`.
    public var components: URLParts? { URLParts(url) }

    /// Signs the request in its headers (the `Host` header is the URL's authority, as libcurl sends it).
    public func signed(with signer: SigV4Signer, date: Date, options: SigV4Signer.Options = .init()) throws(HTTPClientError) -> HTTPRequest {
        guard let parts = components else { throw .invalidURL(url) }
        var headers = self.headers
        if headers["Host"] == nil { headers["Host"] = parts.authority }
        let signable = SignableRequest(
            method: method, path: parts.path, query: SignableRequest.parseQuery(parts.query[...]), headers: headers, body: body)
        var signed = self
        signed.headers = signer.signHeaders(signable, date: date, options: options).request.headers
        return signed
    }
}

/// `scheme://authority/path?query`, split without re-encoding anything.
public struct URLParts: Sendable, Equatable {
    public var scheme: String
    /// `host` or `host:port`, as it goes in the `Host` header.
    public var authority: String
    /// The encoded path, `/` when empty.
    public var path: String
    /// The encoded query without `?`, empty when there is none.
    public var query: String

    public init?(_ url: String) {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        authority = String(rest[..<authorityEnd])
        guard !authority.isEmpty else { return nil }
        let target = rest[authorityEnd...]
        if let question = target.firstIndex(of: "?") {
            path = String(target[..<question])
            query = String(target[target.index(after: question)...])
        } else {
            path = String(target)
            query = ""
        }
        if path.isEmpty { path = "/" }
        // Default ports are not part of the Host header libcurl sends.
        if scheme == "http", authority.hasSuffix(":80") { authority.removeLast(3) }
        if scheme == "https", authority.hasSuffix(":443") { authority.removeLast(4) }
    }

    /// The host without the port.
    public var host: String {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[...close])
        }
        return String(authority.split(separator: ":", maxSplits: 1).first ?? "")
    }
}
