import DarkroomBackend
import DarkroomGallery
import Synchronization

/// Keeps a catalog in step with its bucket: new images after the newest known name, deletions and foreign
/// names by a full listing, and each image's parameters read once.
public struct CatalogRefresher: Sendable {
    /// How far before the newest known darkroom name an incremental refresh starts listing: at least the
    /// function's timeout (`FunctionTimeoutSeconds`, at most 900 s in assets/template.yaml), because an
    /// asynchronous job's object appears up to that long after its name (its time) was chosen.
    public static let defaultLookBack = 900 + 300

    public let catalog: Catalog
    public let listing: BucketListing
    public var lookBackSeconds: Int

    public init(catalog: Catalog, listing: BucketListing, lookBackSeconds: Int = CatalogRefresher.defaultLookBack) {
        self.catalog = catalog
        self.listing = listing
        self.lookBackSeconds = max(0, lookBackSeconds)
    }

    /// What a refresh brought in.
    public struct Refresh: Sendable {
        /// Entries listed (new or seen again), newest first.
        public var entries: [GalleryEntry]
        /// True when the catalog held no darkroom name and the newest page was listed by date prefixes instead.
        public var listedNewestPage: Bool
    }

    /// Lists what is new: StartAfter the newest known darkroom name minus the look-back (one request for up
    /// to 1,000 keys); with no known name, the newest `pageCount` images by date prefixes.
    public func refreshNew(pageCount: Int = 100) async throws(CatalogError) -> Refresh {
        let catalog = self.catalog
        let newest = try await catalog.run { () throws(CatalogError) in try catalog.newestDatedSeconds() }
        let entries: [GalleryEntry]
        do {
            if let newest {
                entries = try await listing.listNamed(since: newest - lookBackSeconds)
            } else {
                entries = try await listing.newestPage(count: pageCount).entries
            }
        } catch {
            throw .listingFailed(error)
        }
        try await catalog.run { () throws(CatalogError) in try catalog.upsert(entries) }
        return Refresh(entries: entries.sorted(by: GalleryEntry.newestFirst), listedNewestPage: newest == nil)
    }

    /// How old the last full listing may be before a one-off answer (`ls --newest`, `--search`) lists the whole
    /// bucket again: long enough that a run of searches lists only what is new (one request for a 100,000-image
    /// bucket instead of a hundred), short enough that images copied in under older names or deleted are seen soon.
    public static let fullListingMaxAge: Duration = .seconds(600)

    /// Brings the catalog up to date for a one-off answer: the whole bucket (`reconcile`) when `full` is asked for,
    /// when no full listing has reached this file, or when the last one is older than `maxAge`; else only what is
    /// new (`refreshNew`).
    public func refresh(full: Bool, maxAge: Duration = CatalogRefresher.fullListingMaxAge) async throws(CatalogError) {
        let catalog = self.catalog
        let last = try await catalog.run { () throws(CatalogError) in try catalog.lastFullListing() }
        let maxAgeMilliseconds = maxAge.components.seconds * 1000 + maxAge.components.attoseconds / 1_000_000_000_000_000
        if full || last.map({ Catalog.nowMilliseconds() - $0 > maxAgeMilliseconds }) ?? true {
            _ = try await reconcile()
        } else {
            _ = try await refreshNew()
        }
    }

    /// Lists the whole bucket and makes the catalog match it: deleted images leave, foreign names join.
    /// `onBatch` hears each batch as it arrives (for a visible count). Returns the deleted keys.
    public func reconcile(onBatch: @escaping @Sendable ([GalleryEntry]) -> Void = { _ in }) async throws(CatalogError) -> [String] {
        let catalog = self.catalog
        let startedAt = Catalog.nowMilliseconds()
        let collected = Mutex<[GalleryEntry]>([])
        do {
            try await listing.listEverything(onBatch: { batch in
                collected.withLock { $0 += batch }
                onBatch(batch)
            })
        } catch {
            throw .listingFailed(error)
        }
        let entries = collected.withLock { $0 }
        return try await catalog.run { () throws(CatalogError) in try catalog.reconcile(listing: entries, startedAt: startedAt) }
    }

    /// Reads the parameters of up to `limit` unread images, newest first, `concurrency` at a time, and stores
    /// them. Images whose read failed stay unread for a later pass. Returns how many were read.
    @discardableResult
    public func readMetadata(limit: Int, reader: HeadMetadataReader, concurrency: Int = 8,
                             onRead: @escaping @Sendable (Int) -> Void = { _ in }) async throws(CatalogError) -> Int {
        let catalog = self.catalog
        let unread = try await catalog.run { () throws(CatalogError) in try catalog.unread(limit: limit) }
        return try await readMetadata(of: unread, reader: reader, concurrency: concurrency, onRead: onRead).count
    }

    /// One image's read parameters, as stored.
    public typealias Read = (key: String, etag: String, outcome: HeadMetadataReader.Outcome)

    /// Reads the parameters of `entries`, `concurrency` at a time, and stores them; returns what was stored
    /// (reads that failed are left out: those images stay unread for a later pass).
    public func readMetadata(of entries: [GalleryEntry], reader: HeadMetadataReader, concurrency: Int = 8,
                             onRead: @escaping @Sendable (Int) -> Void = { _ in }) async throws(CatalogError) -> [Read] {
        guard !entries.isEmpty else { return [] }
        let catalog = self.catalog
        let results = await withTaskGroup(of: (GalleryEntry, HeadMetadataReader.Outcome?).self) { group in
            var pending = entries[...]
            var results: [Read] = []
            for _ in 0..<max(1, concurrency) {
                if let entry = pending.popFirst() { group.addTask { (entry, try? await reader.read(key: entry.key)) } }
            }
            while let (entry, outcome) = await group.next() {
                if let outcome { results.append((entry.key, entry.object.etag, outcome)) }
                if let next = pending.popFirst() { group.addTask { (next, try? await reader.read(key: next.key)) } }
                onRead(results.count)
            }
            return results
        }
        // A row the catalog refuses (say, parameters with negative steps) is stored as carrying none.
        let checked = results.map { read -> Read in
            if case .parameters(let metadata) = read.outcome, (try? Catalog.validate(metadata, key: read.key)) == nil {
                return (read.key, read.etag, .none)
            }
            return read
        }
        try await catalog.run { () throws(CatalogError) in try catalog.record(checked) }
        return checked
    }
}
