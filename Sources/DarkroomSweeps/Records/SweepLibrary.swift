import DarkroomBackend
import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Somewhere sweep manifests can be listed and read back: the bucket the gallery lists, or a folder of records
/// (the local data folder, where manifests go when the bucket refuses them).
public protocol SweepManifestSource: Sendable {
    /// Where the manifests are, for messages.
    var location: String { get }
    /// The manifests there (`output-sweeps/<id>.json`), in no particular order.
    func manifests() async throws(SweepRecordError) -> [ListedManifest]
    /// A manifest's bytes; larger than `maxBytes` is `SweepRecordError.unreadable`.
    func read(key: String, maxBytes: Int) async throws(SweepRecordError) -> [UInt8]
}

/// A manifest's key and, where the source lists one, the ETag that changes whenever its bytes do.
public struct ListedManifest: Hashable, Sendable {
    public var key: String
    public var etag: String?
}

/// Manifest bytes kept by ETag, so an unchanged manifest in the bucket is read once per machine, not once per
/// start of the app.
public protocol SweepManifestCache: Sendable {
    func manifestBytes(etag: String) -> [UInt8]?
    func storeManifest(_ bytes: [UInt8], etag: String)
}

/// The manifests in a bucket, listed and read through the same `ImageStore` the gallery lists.
public struct BucketSweepManifests: SweepManifestSource {
    public let store: any ImageStore

    public init(store: any ImageStore) {
        self.store = store
    }

    public var location: String { store.location + (store.location.hasSuffix("/") ? "" : "/") + SweepManifest.prefix }

    public func manifests() async throws(SweepRecordError) -> [ListedManifest] {
        do {
            return try await store.listAll(prefix: SweepManifest.prefix).filter { $0.key.hasSuffix(".json") }
                .map { ListedManifest(key: $0.key, etag: $0.etag.isEmpty ? nil : $0.etag) }
        } catch {
            throw map(error)
        }
    }

    public func read(key: String, maxBytes: Int) async throws(SweepRecordError) -> [UInt8] {
        let bytes: [UInt8]
        do {
            // One byte past the limit tells a manifest of exactly the limit from a larger one.
            bytes = try await store.get(key: key, range: 0...maxBytes).bytes
        } catch .notFound {
            throw .notFound(key: key)
        } catch .invalidRange {
            // S3 answers a range on an empty object so.
            throw .unreadable(key: key, reason: "it is empty")
        } catch {
            throw map(error)
        }
        guard bytes.count <= maxBytes else { throw .unreadable(key: key, reason: "it is larger than a manifest's \(maxBytes) bytes") }
        return bytes
    }

    private func map(_ error: StorageError) -> SweepRecordError {
        switch error {
        case .accessDenied(let detail): .accessDenied(location: location, detail: detail)
        case .noSuchBucket(let name): .noSuchBucket(name)
        default: .failed(location: location, detail: error.description)
        }
    }
}

/// Past sweeps read back from their manifests, so their grids can be shown after a restart or on another machine.
public enum SweepLibrary {
    /// One manifest read back, and where it was found; only the library makes them.
    public struct Found: Hashable, Sendable {
        public var manifest: SweepManifest
        /// The source's location (`s3://bucket/output-sweeps/`, a folder).
        public var location: String
    }

    /// What a listing found: the readable manifests, newest first, and why the others were skipped.
    public struct Listing: Sendable {
        public var found: [Found] = []
        public var problems: [SweepRecordError] = []
        /// Whether every source could be listed (so a sweep not found is gone, not just unseen).
        public var complete = true
    }

    /// A manifest of the largest sweep any setting allows is about 1 KB a cell; anything far larger is not one.
    public static let maxManifestBytes = 16 << 20
    /// Manifests read at once.
    static let concurrency = 8

    /// Reads the newest `newest` manifests of every source; a key found in an earlier source is not read again
    /// from a later one (the bucket comes before the local fallback). A manifest that cannot be read or does not
    /// hold together is a problem, never a crash, and the rest are still read. With a `cache`, a manifest whose
    /// ETag was read before comes from it instead of the source.
    public static func load(from sources: [any SweepManifestSource], newest: Int = 200, maxBytes: Int = maxManifestBytes,
                            cache: (any SweepManifestCache)? = nil) async -> Listing {
        var listing = Listing()
        var chosen: [(manifest: ListedManifest, source: any SweepManifestSource)] = []
        var seen: Set<String> = []
        for source in sources {
            do {
                for manifest in try await source.manifests() where seen.insert(manifest.key).inserted {
                    chosen.append((manifest, source))
                }
            } catch {
                listing.problems.append(error)
                listing.complete = false
            }
        }
        // Ids start with their UTC time, so the key order is the time order.
        chosen.sort { $0.manifest.key > $1.manifest.key }
        let wanted = Array(chosen.prefix(max(0, newest)))
        var results = [Result<Found, SweepRecordError>?](repeating: nil, count: wanted.count)
        await withTaskGroup(of: (Int, Result<Found, SweepRecordError>).self) { group in
            var next = 0
            func add() {
                guard next < wanted.count else { return }
                let (index, entry) = (next, wanted[next])
                next += 1
                group.addTask { (index, await read(entry.manifest, from: entry.source, maxBytes: maxBytes, cache: cache)) }
            }
            for _ in 0..<concurrency { add() }
            while let (index, result) = await group.next() {
                results[index] = result
                add()
            }
        }
        for result in results {
            switch result {
            case .success(let found): listing.found.append(found)
            case .failure(let error): listing.problems.append(error)
            case nil: break
            }
        }
        return listing
    }

    /// One manifest, decoded and checked: from the cache when its ETag is there and holds together, else from the
    /// source (and then kept in the cache).
    static func read(_ listed: ListedManifest, from source: any SweepManifestSource, maxBytes: Int,
                     cache: (any SweepManifestCache)?) async -> Result<Found, SweepRecordError> {
        let key = listed.key
        if let etag = listed.etag, let bytes = cache?.manifestBytes(etag: etag), case .success(let found) = check(bytes, key: key, source: source) {
            return .success(found)
        }
        do throws(SweepRecordError) {
            let bytes = try await source.read(key: key, maxBytes: maxBytes)
            let result = check(bytes, key: key, source: source)
            if case .success = result, let etag = listed.etag { cache?.storeManifest(bytes, etag: etag) }
            return result
        } catch {
            return .failure(error)
        }
    }

    private static func check(_ bytes: [UInt8], key: String, source: any SweepManifestSource) -> Result<Found, SweepRecordError> {
        guard let manifest = SweepManifest.decode(bytes) else {
            return .failure(.unreadable(key: key, reason: "it is not a sweep manifest (not JSON, or fields missing)"))
        }
        if let problem = manifest.inconsistency(key: key) { return .failure(.unreadable(key: key, reason: problem)) }
        return .success(Found(manifest: manifest, location: source.location))
    }
}
