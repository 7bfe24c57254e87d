#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An object's listing entry.
public struct StoredObject: Sendable, Hashable {
    public var key: String
    public var size: Int
    public var lastModified: Date
    /// Changes whenever the content does; without the quotes S3 puts around it.
    public var etag: String

    public init(key: String, size: Int, lastModified: Date, etag: String) {
        self.key = key
        self.size = size
        self.lastModified = lastModified
        self.etag = etag
    }
}

/// An object's bytes (or the requested range of them) with its stored attributes.
public struct StoredObjectData: Sendable, Equatable {
    /// `size` is the whole object's size even when `bytes` is a range.
    public var object: StoredObject
    public var bytes: [UInt8]
    public var contentType: String
    /// User metadata (`x-amz-meta-*` in S3), keys lower-cased.
    public var metadata: [String: String]

    public init(object: StoredObject, bytes: [UInt8], contentType: String, metadata: [String: String]) {
        self.object = object
        self.bytes = bytes
        self.contentType = contentType
        self.metadata = metadata
    }
}

/// One page of a listing.
public struct StoragePage: Sendable, Equatable {
    public var objects: [StoredObject]
    /// Nil on the last page.
    public var nextContinuationToken: String?

    public init(objects: [StoredObject], nextContinuationToken: String?) {
        self.objects = objects
        self.nextContinuationToken = nextContinuationToken
    }
}
