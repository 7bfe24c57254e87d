#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One object in a listing (`StoredObject` in the storage layer, for S3 and the folder store alike).
public struct S3Object: Sendable, Hashable {
    public var key: String
    public var size: Int
    public var lastModified: Date
    /// The entity tag: changes whenever the content does; without the quotes S3 puts around it.
    public var etag: String

    public init(key: String, size: Int, lastModified: Date, etag: String) {
        self.key = key
        self.size = size
        self.lastModified = lastModified
        self.etag = etag
    }
}

/// One page of ListObjectsV2.
public struct S3ListPage: Sendable {
    public var objects: [S3Object]
    /// The "folders" rolled up by the delimiter.
    public var commonPrefixes: [String]
    public var isTruncated: Bool
    /// Pass to the next call to get the following page; nil on the last page.
    public var nextContinuationToken: String?
}
