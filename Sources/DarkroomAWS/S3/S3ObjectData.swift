#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What HeadObject tells about an object.
public struct S3ObjectHead: Sendable {
    public var size: Int
    /// The entity tag without its quotes.
    public var etag: String
    public var contentType: String?
    /// User metadata (`x-amz-meta-*`), keys lowercased without the prefix.
    public var metadata: [String: String]
    public var lastModified: Date?

    init(headers: HTTPHeaders) {
        size = Int(headers["Content-Length"] ?? "") ?? 0
        etag = S3Client.unquoted(headers["ETag"] ?? "")
        contentType = headers["Content-Type"]
        lastModified = headers["Last-Modified"].flatMap(S3Timestamp.parseHTTPDate)
        var metadata: [String: String] = [:]
        for field in headers where field.name.lowercased().hasPrefix("x-amz-meta-") {
            metadata[String(field.name.lowercased().dropFirst("x-amz-meta-".count))] = field.value
        }
        self.metadata = metadata
    }
}

/// An object's bytes (all of them, or the requested range) and its head.
public struct S3ObjectData: Sendable {
    public var body: [UInt8]
    /// Size, entity tag, type, metadata; `size` is the length of `body`.
    public var head: S3ObjectHead
    /// The whole object's size, from `Content-Range` on a ranged get, else the body's length.
    public var totalSize: Int

    public var etag: String { head.etag }
    public var contentType: String? { head.contentType }
    public var metadata: [String: String] { head.metadata }
    public var lastModified: Date? { head.lastModified }
}
