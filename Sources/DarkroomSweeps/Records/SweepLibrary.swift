import DarkroomBackend
import DarkroomCore
import Foundation

/// Somewhere sweep manifests can be listed and read back: the bucket the gallery lists, or a folder of records
/// (the local data folder, where manifests go when the bucket refuses them).
public protocol SweepManifestSource: Sendable {
    /// Where the manifests are, for messages.
    var location: String { get }
    /// The keys of the manifests there (`output-sweeps/<id>.json`), in no particular order.
    func manifestKeys() async throws(SweepRecordError) -> [String]
    /// A manifest's bytes; larger than `maxBytes` is `SweepRecordError.unreadable`.
    func read(key: String, maxBytes: Int) async throws(SweepRecordError) -> [UInt8]
}

/// The manifests in a bucket, listed and read through the same `ImageStore` the gallery lists.
public struct BucketSweepManifests: SweepManifestSource {
    public let store: any ImageStore

    public init(store: any ImageStore) {
        self.store = store
    }

    public var location: String { store.location + (store.location.hasSuffix("/") ? "" : "/") + SweepManifest.prefix }

    public func manifestKeys() async throws(SweepRecordError) -> [String] {
        do {
            return try await store.listAll(prefix: SweepManifest.prefix).map(\.key).filter { $0.hasSuffix(".json") }
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
        if case .accessDenied(let detail) = error { return .accessDenied(location: location, detail: detail) }
        return .failed(location: location, detail: error.description)
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
    /// hold together is a problem, never a crash, and the rest are still read.
    public static func load(from sources: [any SweepManifestSource], newest: Int = 200, maxBytes: Int = maxManifestBytes) async -> Listing {
        var listing = Listing()
        var chosen: [(key: String, source: any SweepManifestSource)] = []
        var seen: Set<String> = []
        for source in sources {
            do {
                for key in try await source.manifestKeys() where seen.insert(key).inserted {
                    chosen.append((key, source))
                }
            } catch {
                listing.problems.append(error)
                listing.complete = false
            }
        }
        // Ids start with their UTC time, so the key order is the time order.
        chosen.sort { $0.key > $1.key }
        let wanted = Array(chosen.prefix(max(0, newest)))
        var results = [Result<Found, SweepRecordError>?](repeating: nil, count: wanted.count)
        await withTaskGroup(of: (Int, Result<Found, SweepRecordError>).self) { group in
            var next = 0
            func add() {
                guard next < wanted.count else { return }
                let (index, entry) = (next, wanted[next])
                next += 1
                group.addTask { (index, await read(entry.key, from: entry.source, maxBytes: maxBytes)) }
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

    /// One manifest, decoded and checked.
    static func read(_ key: String, from source: any SweepManifestSource, maxBytes: Int) async -> Result<Found, SweepRecordError> {
        do throws(SweepRecordError) {
            let bytes = try await source.read(key: key, maxBytes: maxBytes)
            guard let manifest = SweepManifest.decode(bytes) else {
                return .failure(.unreadable(key: key, reason: "it is not a sweep manifest (not JSON, or fields missing)"))
            }
            if let problem = manifest.inconsistency(key: key) { return .failure(.unreadable(key: key, reason: problem)) }
            return .success(Found(manifest: manifest, location: source.location))
        } catch {
            return .failure(error)
        }
    }
}
