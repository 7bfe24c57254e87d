import DarkroomAWS
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An object's listing entry: the one S3 lists, which the folder store lists in the same shape.
public typealias StoredObject = S3Object

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
