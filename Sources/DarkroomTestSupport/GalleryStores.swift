import Foundation
import Synchronization
import DarkroomAWS
import DarkroomBackend
import DarkroomGallery

/// The image stores tests run against (the gallery listing, the storage contract), each opened empty for one test.
public enum GalleryStoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case directory
    /// S3Storage against `moto_server` on a free loopback port.
    case s3

    public var description: String { rawValue }

    /// Opens an empty store and passes it to `body`, cleaning up afterwards.
    public func withStore(_ body: (any ImageStore) async throws -> Void) async throws {
        switch self {
        case .directory:
            let folder = try TemporaryDirectory("darkroom-gallery")
            defer { folder.remove() }
            try await body(try DirectoryStorage(root: folder.url.appendingPathComponent("bucket")))
        case .s3:
            let moto = try await MotoServer.start()
            defer { moto.stop() }
            let configuration = AWSConfiguration(
                region: "us-east-1", credentials: AWSCredentials(accessKeyID: "AKIDMOTO", secretAccessKey: "motosecret"),
                endpointOverrides: [.s3: moto.endpoint]
            )
            let client = S3Client(configuration: configuration, http: HTTPClient(environment: [:]),
                                  retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20)))
            try await client.createBucket("darkroom-gallery")
            try await body(S3Storage(bucket: "darkroom-gallery", client: client))
        }
    }
}

/// Counts the list requests and ranged GETs (metadata heads) a store answers, to hold the listing to its request
/// budget and metadata to one read per image; GETs can be held back until `openGate()`, so a test sees the app
/// while metadata is still being read.
public struct CountingStore: ImageStore {
    public let inner: any ImageStore
    let lists = Counter()
    let rangedGets = Counter()
    let gate: Gate

    public init(inner: any ImageStore, gated: Bool = false) {
        self.inner = inner
        gate = Gate(open: !gated)
    }

    public var rangedGetRequests: Int { rangedGets.withLock { $0 } }
    /// Lets held-back GETs through (and every later one).
    public func openGate() { gate.open.withLock { $0 = true } }

    final class Gate: Sendable {
        let open: Mutex<Bool>
        init(open: Bool) { self.open = Mutex(open) }
    }

    final class Counter: Sendable {
        let count = Mutex(0)
        func withLock<T>(_ body: (inout Int) -> T) -> T { count.withLock { body(&$0) } }
    }

    public var listRequests: Int { lists.withLock { $0 } }
    public func resetCount() { lists.withLock { $0 = 0 } }

    public func list(prefix: String, continuationToken: String?, maxKeys: Int) async throws(StorageError) -> StoragePage {
        try await list(prefix: prefix, startAfter: nil, continuationToken: continuationToken, maxKeys: maxKeys)
    }
    public func list(prefix: String, startAfter: String?, continuationToken: String?, maxKeys: Int) async throws(StorageError) -> StoragePage {
        lists.withLock { $0 += 1 }
        return try await inner.list(prefix: prefix, startAfter: startAfter, continuationToken: continuationToken, maxKeys: maxKeys)
    }
    public func get(key: String, range: ClosedRange<Int>?) async throws(StorageError) -> StoredObjectData {
        if range != nil { rangedGets.withLock { $0 += 1 } }
        while !gate.open.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(20)) }
        return try await inner.get(key: key, range: range)
    }
    public func head(key: String) async throws(StorageError) -> StoredObject { try await inner.head(key: key) }
    public func put(key: String, bytes: [UInt8], contentType: String, metadata: [String: String]) async throws(StorageError) {
        try await inner.put(key: key, bytes: bytes, contentType: contentType, metadata: metadata)
    }
    public func delete(key: String) async throws(StorageError) { try await inner.delete(key: key) }
    public var bucket: String { inner.bucket }
    public var location: String { inner.location }
}

/// darkroom keys at chosen times, written as tiny objects.
public enum Keys {
    /// `output-images/<time>-<seed>-<8 hex>.png` for a time given as seconds since 1970.
    public static func dated(_ seconds: Int, seed: UInt32 = 7, random: UInt32 = 0xabc) -> String {
        let stamp = DatedKey.startAfter(seconds: seconds)  // `output-images/yyyyMMddTHHmmss`
        let hex = String(random, radix: 16)
        return stamp + "Z-\(seed)-" + String(repeating: "0", count: 8 - hex.count) + hex + ".png"
    }

    public static func seconds(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 12, _ minute: Int = 0, _ second: Int = 0) -> Int {
        guard let stamp = DayStamp(validYear: year, month: month, day: day) else {
            preconditionFailure("Keys.seconds wants a calendar day, not \(year)-\(month)-\(day)")
        }
        return stamp.secondsSince1970(hour: hour, minute: minute, second: second)
    }

    /// Writes tiny objects under `keys`, a few at a time.
    public static func put(_ keys: [String], into store: any ImageStore) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = keys[...]
            for _ in 0..<8 {
                if let key = pending.popFirst() { group.addTask { try await store.put(key: key, bytes: Array(key.utf8), contentType: "image/png", metadata: [:]) } }
            }
            while try await group.next() != nil {
                if let key = pending.popFirst() { group.addTask { try await store.put(key: key, bytes: Array(key.utf8), contentType: "image/png", metadata: [:]) } }
            }
        }
    }
}
