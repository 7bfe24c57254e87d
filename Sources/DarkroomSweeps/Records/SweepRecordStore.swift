import DarkroomAWS
import DarkroomBackend
import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Why a manifest or sheet could not be written or read.
public enum SweepRecordError: Error, Equatable, CustomStringConvertible {
    case accessDenied(location: String, detail: String)
    case notFound(key: String)
    /// The bucket itself is missing: the gallery's listing fails for the same reason and says so.
    case noSuchBucket(String)
    case failed(location: String, detail: String)
    /// A manifest read back that cannot be shown (not JSON, another format, inconsistent, too large).
    case unreadable(key: String, reason: String)

    public var description: String {
        switch self {
        case .accessDenied(let location, let detail):
            "Access to the sweep records in \(location) was refused (\(detail)); allow s3:PutObject, s3:GetObject and listing on output-sweeps/*, or let darkroom keep them in the local data folder."
        case .notFound(let key):
            "The sweep record \(key) does not exist; check the sweep id."
        case .noSuchBucket(let name):
            StorageError.noSuchBucket(name).description
        case .failed(let location, let detail):
            "The sweep record at \(location) could not be written or read: \(ErrorSentence.clause(detail))."
        case .unreadable(let key, let reason):
            "The sweep record \(key) is skipped: \(reason); remove it or write it again with `darkroom generate --sweep`."
        }
    }
}

/// Where sweep manifests and contact sheets go: `output-sweeps/` in the bucket, or a local folder.
///
/// Unlike images, a manifest is rewritten as its sweep progresses, so these writes replace what is there.
public protocol SweepRecordStore: Sendable {
    /// Where records land, for messages (`s3://bucket/output-sweeps/`, a folder path).
    var location: String { get }
    /// Writes (or replaces) the object at `key` (under `output-sweeps/`).
    func write(key: String, bytes: [UInt8], contentType: String) async throws(SweepRecordError)
    /// Reads the object at `key`.
    func read(key: String) async throws(SweepRecordError) -> [UInt8]
    /// Removes the object at `key` (a missing one is not an error).
    func remove(key: String) async throws(SweepRecordError)
}

/// Sweep records in an S3 bucket, written without the images' no-overwrite condition.
public struct S3SweepRecords: SweepRecordStore {
    public let bucket: String
    private let client: S3Client

    public init(bucket: String, client: S3Client) {
        self.bucket = bucket
        self.client = client
    }

    public var location: String { "s3://\(bucket)/\(SweepManifest.prefix)" }

    public func write(key: String, bytes: [UInt8], contentType: String) async throws(SweepRecordError) {
        do {
            _ = try await client.putObject(bucket: bucket, key: key, body: bytes, contentType: contentType, metadata: [:], ifNoneMatch: false)
        } catch {
            throw map(error)
        }
    }

    public func read(key: String) async throws(SweepRecordError) -> [UInt8] {
        do {
            return try await client.getObject(bucket: bucket, key: key).body
        } catch .noSuchKey {
            throw .notFound(key: key)
        } catch {
            throw map(error)
        }
    }

    public func remove(key: String) async throws(SweepRecordError) {
        do {
            try await client.deleteObject(bucket: bucket, key: key)
        } catch .noSuchKey {
            return
        } catch {
            throw map(error)
        }
    }

    private func map(_ error: S3Error) -> SweepRecordError {
        switch error {
        case .accessDenied(let detail): .accessDenied(location: location, detail: detail)
        case .invalidCredentials(let code): .accessDenied(location: location, detail: "credentials refused: \(code)")
        case .noSuchBucket(let name): .noSuchBucket(name)
        default: .failed(location: location, detail: error.description)
        }
    }
}

/// Sweep records in a folder laid out like the bucket (the local stack's bucket, or the local data folder).
public struct FolderSweepRecords: SweepRecordStore, SweepManifestSource {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public var location: String { root.appendingPathComponent(SweepManifest.prefix).path + "/" }

    public func write(key: String, bytes: [UInt8], contentType: String) async throws(SweepRecordError) {
        let url = try file(for: key)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Atomic: a reader sees the old manifest or the new one, never half of one.
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw .failed(location: url.path, detail: error.fileSystemReason)
        }
    }

    public func read(key: String) async throws(SweepRecordError) -> [UInt8] {
        let url = try file(for: key)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .notFound(key: key) }
        return [UInt8](data)
    }

    public func remove(key: String) async throws(SweepRecordError) {
        let url = try file(for: key)
        try? FileManager.default.removeItem(at: url)
    }

    /// Without ETags: a file here is as quick to read as a cached copy would be.
    public func manifests() async throws(SweepRecordError) -> [ListedManifest] {
        let folder = root.appendingPathComponent(SweepManifest.prefix)
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
                .map { ListedManifest(key: SweepManifest.prefix + $0, etag: nil) }
        } catch {
            throw .failed(location: location, detail: error.fileSystemReason)
        }
    }

    public func read(key: String, maxBytes: Int) async throws(SweepRecordError) -> [UInt8] {
        let url = try file(for: key)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= maxBytes else { throw .unreadable(key: key, reason: "it is \(size) bytes, more than a manifest's \(maxBytes)") }
        return try await read(key: key)
    }

    private func file(for key: String) throws(SweepRecordError) -> URL {
        guard key.hasPrefix(SweepManifest.prefix), !key.split(separator: "/").contains(".."), !key.contains("\0") else {
            throw .failed(location: location, detail: "`\(key)` is not a key under \(SweepManifest.prefix)")
        }
        return root.appendingPathComponent(key)
    }
}
