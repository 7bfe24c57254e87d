/// A bucket-like object store: S3 (`S3Storage`) or a folder laid out like the bucket (`DirectoryStorage`).
public protocol ImageStore: Sendable {
    /// One page of keys under `prefix` in key (UTF-8 byte) order; pass the page's token to get the next.
    func list(prefix: String, continuationToken: String?, maxKeys: Int) async throws(StorageError) -> StoragePage
    /// One page of keys under `prefix` that sort after `startAfter` (S3's StartAfter): the gallery seeks by date
    /// prefixes with it instead of reading the bucket from its oldest key.
    func list(prefix: String, startAfter: String?, continuationToken: String?, maxKeys: Int) async throws(StorageError) -> StoragePage
    /// An object's bytes, or the inclusive byte `range` of them (clamped at the end, as S3 does).
    func get(key: String, range: ClosedRange<Int>?) async throws(StorageError) -> StoredObjectData
    /// An object's size, date and etag without its bytes.
    func head(key: String) async throws(StorageError) -> StoredObject
    /// Stores a new object; an existing key is never overwritten (`StorageError.alreadyExists`).
    func put(key: String, bytes: [UInt8], contentType: String, metadata: [String: String]) async throws(StorageError)
    /// Removes an object; removing a missing key succeeds, as in S3.
    func delete(key: String) async throws(StorageError)
    /// The bucket name (for a folder, its name), as reported in generation results.
    var bucket: String { get }
    /// Where the objects live, for status lines: `s3://bucket` or a folder path.
    var location: String { get }
}

extension ImageStore {
    /// The whole object.
    public func get(key: String) async throws(StorageError) -> StoredObjectData {
        try await get(key: key, range: nil)
    }

    /// Stores without a native StartAfter read from the start and drop what sorts before it (correct, not fast).
    public func list(prefix: String, startAfter: String?, continuationToken: String?, maxKeys: Int) async throws(StorageError) -> StoragePage {
        guard let startAfter else { return try await list(prefix: prefix, continuationToken: continuationToken, maxKeys: maxKeys) }
        var token = continuationToken
        while true {
            let page = try await list(prefix: prefix, continuationToken: token, maxKeys: maxKeys)
            let kept = page.objects.filter { ObjectKey.precedes(startAfter, $0.key) }
            if !kept.isEmpty || page.nextContinuationToken == nil {
                return StoragePage(objects: kept, nextContinuationToken: page.nextContinuationToken)
            }
            token = page.nextContinuationToken
        }
    }

    /// Every key under `prefix`, following continuation tokens.
    public func listAll(prefix: String, pageSize: Int = 1000) async throws(StorageError) -> [StoredObject] {
        var objects: [StoredObject] = []
        var token: String?
        repeat {
            let page = try await list(prefix: prefix, continuationToken: token, maxKeys: pageSize)
            objects += page.objects
            token = page.nextContinuationToken
        } while token != nil
        return objects
    }
}
