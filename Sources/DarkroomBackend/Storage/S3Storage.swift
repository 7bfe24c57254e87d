import DarkroomAWS
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The bucket in S3: conditional writes (`If-None-Match: *`) so an object is never overwritten.
public struct S3Storage: ImageStore {
    public let bucket: String
    private let client: S3Client

    public init(bucket: String, client: S3Client) {
        self.bucket = bucket
        self.client = client
    }

    public var location: String { "s3://\(bucket)" }

    public func list(prefix: String, continuationToken: String?, maxKeys: Int) async throws(StorageError) -> StoragePage {
        try await list(prefix: prefix, startAfter: nil, continuationToken: continuationToken, maxKeys: maxKeys)
    }

    public func list(prefix: String, startAfter: String?, continuationToken: String?, maxKeys: Int) async throws(StorageError) -> StoragePage {
        do {
            let page = try await client.listObjectsV2(
                bucket: bucket, prefix: prefix.isEmpty ? nil : prefix, maxKeys: min(max(maxKeys, 1), 1000),
                continuationToken: continuationToken, startAfter: startAfter
            )
            return StoragePage(
                objects: page.objects,
                nextContinuationToken: page.isTruncated ? page.nextContinuationToken : nil
            )
        } catch {
            if continuationToken != nil, case .invalidArgument = error { throw .invalidContinuationToken }
            throw map(error, key: prefix)
        }
    }

    public func get(key: String, range: ClosedRange<Int>?) async throws(StorageError) -> StoredObjectData {
        try ObjectKey.validate(key)
        do {
            let data = try await client.getObject(bucket: bucket, key: key, range: range)
            return StoredObjectData(
                object: StoredObject(key: key, size: data.totalSize, lastModified: data.lastModified ?? Date(), etag: data.etag),
                bytes: data.body, contentType: data.contentType ?? "application/octet-stream", metadata: data.metadata
            )
        } catch .invalidRange {
            let size = (try? await head(key: key).size) ?? 0
            throw .invalidRange(key: key, size: size)
        } catch {
            throw map(error, key: key)
        }
    }

    public func head(key: String) async throws(StorageError) -> StoredObject {
        try ObjectKey.validate(key)
        do {
            let head = try await client.headObject(bucket: bucket, key: key)
            return StoredObject(key: key, size: head.size, lastModified: head.lastModified ?? Date(), etag: head.etag)
        } catch {
            throw map(error, key: key)
        }
    }

    public func put(key: String, bytes: [UInt8], contentType: String, metadata: [String: String]) async throws(StorageError) {
        try ObjectKey.validate(key)
        do {
            try await client.putObject(
                bucket: bucket, key: key, body: bytes, contentType: contentType, metadata: metadata, ifNoneMatch: true
            )
        } catch {
            throw map(error, key: key)
        }
    }

    public func delete(key: String) async throws(StorageError) {
        try ObjectKey.validate(key)
        do {
            try await client.deleteObject(bucket: bucket, key: key)
        } catch {
            throw map(error, key: key)
        }
    }

    private func map(_ error: S3Error, key: String) -> StorageError {
        switch error {
        case .noSuchKey: .notFound(key: key)
        case .noSuchBucket(let name): .noSuchBucket(name)
        case .alreadyExists: .alreadyExists(key: key)
        case .accessDenied(let message): .accessDenied(message)
        case .invalidCredentials(let code): .accessDenied("credentials refused: \(code)")
        case .invalidRange: .invalidRange(key: key, size: 0)
        default: .unavailable(error.description)
        }
    }
}
