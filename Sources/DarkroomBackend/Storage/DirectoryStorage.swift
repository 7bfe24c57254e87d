#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

import DarkroomCore
import DarkroomThreads

/// A folder laid out like the bucket: the object `output-images/a.png` is the file `<root>/output-images/a.png`.
///
/// Writes go to a temporary file that is then hard-linked into place, so an object appears whole or not at
/// all and an existing one is never replaced. Content type, etag and user metadata live in a sidecar under
/// `<root>/.darkroom/meta/`, so the folder itself holds only the images.
public struct DirectoryStorage: ImageStore {
    /// The first key component kept for the store's own files.
    static let internalFolder = ".darkroom"

    /// The bucket folder.
    public let root: URL

    /// Opens (and creates, if needed) the bucket folder at `root`.
    public init(root: URL) throws(StorageError) {
        self.init(readingFrom: root)
        try Self.disk { () throws(FileSystemError) in
            try FileSystem.makeDirectories(temporaryFolder)
            try FileSystem.makeDirectories(metadataFolder)
        }
    }

    /// Opens the bucket folder at `root` for reading only, creating nothing: a folder that is not there reads as an
    /// empty bucket. Writes through it fail until a store made with `init(root:)` has created the folder.
    public init(readingFrom root: URL) {
        self.root = root.standardizedFileURL
    }

    public var bucket: String { root.lastPathComponent }

    public var location: String { root.path }

    private var rootPath: String { root.path }
    private var temporaryFolder: String { rootPath + "/" + Self.internalFolder + "/tmp" }
    private var metadataFolder: String { rootPath + "/" + Self.internalFolder + "/meta" }

    private func path(for key: String) -> String { rootPath + "/" + key }
    private func sidecarPath(for key: String) -> String { metadataFolder + "/" + key + ".json" }

    private func validate(_ key: String) throws(StorageError) {
        try ObjectKey.validate(key, reservedFirstComponent: Self.internalFolder)
    }

    public func list(prefix: String, continuationToken: String?, maxKeys: Int) async throws(StorageError) -> StoragePage {
        try await list(prefix: prefix, startAfter: nil, continuationToken: continuationToken, maxKeys: maxKeys)
    }

    public func list(prefix: String, startAfter: String?, continuationToken: String?, maxKeys: Int) async throws(StorageError) -> StoragePage {
        try await offThePool { () throws(StorageError) in
            if prefix.utf8.contains(0) || prefix.hasPrefix("/") || prefix.split(separator: "/").contains("..") {
                throw .invalidKey(key: prefix, reason: "a listing prefix must be a relative path without `..` or NUL")
            }
            // A continuation token resumes after its key; StartAfter only counts on the first page, as in S3.
            let after = try continuationToken.map { (token) throws(StorageError) in try ListingToken.key(from: token) } ?? startAfter
            // Only the folder the prefix names needs walking; the rest of the prefix filters names inside it.
            let folder = prefix.lastIndex(of: "/").map { String(prefix[...$0]) } ?? ""
            let keys = FileSystem.regularFiles(under: rootPath + "/" + folder) { relative in
                let key = folder + relative
                return key.hasPrefix(prefix) && !key.hasPrefix(Self.internalFolder + "/") && (after.map { ObjectKey.precedes($0, key) } ?? true)
            }
                .map { folder + $0 }
                .sorted(by: ObjectKey.precedes)
            let pageSize = min(max(maxKeys, 1), 1000)
            let page = keys.prefix(pageSize)
            let objects = page.compactMap { key in describe(key: key) }
            let token = keys.count > pageSize ? page.last.map(ListingToken.token(after:)) : nil
            return StoragePage(objects: objects, nextContinuationToken: token)
        }
    }

    public func get(key: String, range: ClosedRange<Int>?) async throws(StorageError) -> StoredObjectData {
        try validate(key)
        guard let object = describe(key: key) else { throw .notFound(key: key) }
        let bytes: [UInt8]
        if let range {
            guard range.lowerBound < object.size, range.lowerBound >= 0 else { throw .invalidRange(key: key, size: object.size) }
            let upper = min(range.upperBound, object.size - 1)
            bytes = try Self.disk { () throws(FileSystemError) in
                try FileSystem.read(path(for: key), offset: range.lowerBound, count: upper - range.lowerBound + 1)
            }
        } else {
            bytes = try Self.disk { () throws(FileSystemError) in try FileSystem.read(path(for: key), offset: 0, count: object.size) }
        }
        let sidecar = readSidecar(for: key)
        return StoredObjectData(
            object: object, bytes: bytes,
            contentType: sidecar?.contentType ?? Self.guessContentType(for: key),
            metadata: sidecar?.metadata ?? [:]
        )
    }

    public func head(key: String) async throws(StorageError) -> StoredObject {
        try validate(key)
        guard let object = describe(key: key) else { throw .notFound(key: key) }
        return object
    }

    /// The folder part of an absolute path: everything before its last `/`.
    private static func folder(of path: String) -> String {
        String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
    }

    public func put(key: String, bytes: [UInt8], contentType: String, metadata: [String: String]) async throws(StorageError) {
        try await offThePool { () throws(StorageError) in
            try validate(key)
            let destination = path(for: key)
            let temporary = temporaryFolder + "/" + UUID().uuidString
            let result = try Self.disk { () throws(FileSystemError) in
                try FileSystem.makeDirectories(Self.folder(of: destination))
                try FileSystem.writeNewFile(at: temporary, bytes: bytes)
                let result = FileSystem.linkNew(temporary, to: destination)
                try FileSystem.remove(temporary)
                return result
            }
            switch result {
            case .linked: break
            case .exists: throw .alreadyExists(key: key)
            case .failed(let detail): throw .unavailable(detail)
            }
            // The object is ours now, so its sidecar may be replaced (a stale one from a crashed write included).
            let sidecar = Sidecar(
                contentType: contentType,
                metadata: Dictionary(metadata.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last }),
                etag: ContentHash.etag(of: bytes)
            )
            let sidecarDestination = sidecarPath(for: key)
            let sidecarTemporary = temporaryFolder + "/" + UUID().uuidString
            try Self.disk { () throws(FileSystemError) in
                try FileSystem.makeDirectories(Self.folder(of: sidecarDestination))
                try FileSystem.writeNewFile(at: sidecarTemporary, bytes: sidecar.encoded())
                try FileSystem.replace(sidecarDestination, with: sidecarTemporary)
            }
        }
    }

    public func delete(key: String) async throws(StorageError) {
        try validate(key)
        try Self.disk { () throws(FileSystemError) in
            try FileSystem.remove(path(for: key))
            try FileSystem.remove(sidecarPath(for: key))
        }
    }

    /// Runs the store's long file work (a write with its fsyncs, a walk of a folder that may hold a hundred thousand
    /// images) on a thread of its own: on Swift's cooperative pool, one thread per core, it would stall every other
    /// task in the process, the app's effects and the local stack's other requests alike. Reads of one file
    /// (`get`, `head`) are short and stay where they are called, so a screenful of thumbnails starts no threads.
    private func offThePool<Value: Sendable>(_ work: @escaping @Sendable () throws(StorageError) -> Value) async throws(StorageError) -> Value {
        try await BlockingWork.run { Result(catching: work) }.get()
    }

    /// The store's failure for a file call's: the disk is the store here.
    private static func disk<Result>(_ body: () throws(FileSystemError) -> Result) throws(StorageError) -> Result {
        do {
            return try body()
        } catch {
            throw .unavailable(error.description)
        }
    }

    private func describe(key: String) -> StoredObject? {
        guard let status = FileSystem.status(path(for: key)) else { return nil }
        // A file dropped into the folder by hand has no sidecar; size and time stand in for its etag.
        let etag = readSidecar(for: key)?.etag
            ?? "\(status.size)-\(Int(status.modified.timeIntervalSince1970 * 1000))"
        return StoredObject(key: key, size: status.size, lastModified: status.modified, etag: etag)
    }

    private func readSidecar(for key: String) -> Sidecar? {
        guard let data = FileManager.default.contents(atPath: sidecarPath(for: key)) else { return nil }
        return try? JSONDecoder().decode(Sidecar.self, from: data)
    }

    private static func guessContentType(for key: String) -> String {
        key.lowercased().hasSuffix(".png") ? "image/png" : "application/octet-stream"
    }

    /// What S3 keeps beside an object's bytes.
    private struct Sidecar: Codable {
        var contentType: String
        var metadata: [String: String]
        var etag: String

        func encoded() -> [UInt8] {
            CanonicalJSON.encode(self) ?? []
        }
    }
}
