import DarkroomBackend
import DarkroomCatalog
import DarkroomCore
import DarkroomGallery
import DarkroomThreads
import Synchronization

/// The gallery's listing and search effects: paints from the catalog at once, then lists what is new, then
/// the whole bucket in the background with a visible count (at the start and on every Ctrl-R: deletions and names
/// older than the newest known one are only found so), then reads every image's parameters newest first so `/`
/// can search them. Without a catalog: the newest page by date prefixes, then everything.
///
/// A catalog file found damaged while in use is started again empty (`Catalog.rebuilds`); whichever effect meets
/// that posts `catalogRebuilt`, and the listing that follows fills the new file.
final class GalleryLister: Sendable {
    private let store: any ImageStore
    private let catalog: Catalog?
    private let inbox: ActionInbox
    private let listing: BucketListing
    /// A full listing (reconciliation) is running: a refresh asked for meanwhile leaves it to end the listing.
    private let reconciling = Atomic(false)
    private let readerRunning = Atomic(false)
    /// Set by `stop()`: the reader ends after its batch and does not start again.
    private let stopped = Atomic(false)
    /// Unread images on screen, handed to the running reader to read next.
    private let wanted = Mutex<[GalleryEntry]>([])

    /// Images listed by date prefixes on a first open before the full listing: two screens of tiles.
    static let firstPageCount = 48
    /// Rows painted from the catalog before the rest are loaded: a screenful and then some.
    static let firstPaintRows = 500
    /// Listed keys are handed to the UI in batches of at least this many (each batch re-sorts nothing, but
    /// re-indexes the gallery).
    static let batchSize = 5_000

    init(store: any ImageStore, catalog: Catalog?, inbox: ActionInbox) {
        self.store = store
        self.catalog = catalog
        self.inbox = inbox
        listing = BucketListing(store: store)
    }

    func list() async {
        guard let catalog else { return await listWithoutCatalog() }
        let refresher = CatalogRefresher(catalog: catalog, listing: listing)
        let rebuilds = catalog.rebuilds
        do throws(CatalogError) {
            // 1. What the catalog knows, newest first, before anything else: the first paint.
            let first = try await catalog.run { () throws(CatalogError) in try catalog.entries(limit: Self.firstPaintRows) }
            if !first.isEmpty {
                inbox.post(.galleryEntriesLoaded(first, isFirstPage: true, isLastPage: false))
            }
            let unread = try await catalog.run { () throws(CatalogError) in try catalog.unreadCount() }
            inbox.post(.catalogAttached(unread: unread))
            if first.count == Self.firstPaintRows { try await postWholeCatalog(catalog, isLastPage: false) }
            // 2. What is new since the newest known name (the newest page, on a first open).
            let fresh = try await refresher.refreshNew(pageCount: Self.firstPageCount)
            inbox.post(.galleryEntriesLoaded(fresh.entries, isFirstPage: false, isLastPage: false))
            // 3. The whole bucket (deletions, foreign names, names older than the newest known), counted as it arrives.
            if !reconciling.exchange(true, ordering: .relaxed) {
                let batcher = Batcher(inbox: inbox, size: Self.batchSize)
                let deleted: [String]
                do {
                    // Free before the listing is seen to end: a Ctrl-R right after it lists in full again.
                    defer { reconciling.store(false, ordering: .relaxed) }
                    deleted = try await refresher.reconcile(onBatch: { batcher.add($0) })
                }
                batcher.flush()
                // The gallery already holds every listed image: only what the bucket no longer has leaves it
                // (not the whole catalog again, which would hold every row twice for a moment).
                inbox.post(.galleryEntriesRemoved(deleted, isLastPage: true))
            }
            // Else the running full listing ends the listing when it is done.
        } catch {
            // The store's own error when the bucket could not be listed; the gallery keeps what it had.
            inbox.post(.galleryListingFailed(error.description))
            postIfRebuilt(catalog, since: rebuilds)
            return
        }
        postIfRebuilt(catalog, since: rebuilds)
        await readParameters(catalog, refresher: refresher)
    }

    /// Tells the app the catalog file was found damaged and started again since `rebuilds` (it then lists again,
    /// which fills the new file).
    private func postIfRebuilt(_ catalog: Catalog, since rebuilds: Int) {
        guard catalog.rebuilds != rebuilds, let notice = catalog.notice else { return }
        inbox.post(.catalogRebuilt(notice: notice))
    }

    /// The catalog in full, replacing the listing (so deleted images leave): listing columns only.
    private func postWholeCatalog(_ catalog: Catalog, isLastPage: Bool) async throws(CatalogError) {
        let all = try await catalog.run { () throws(CatalogError) in try catalog.entries(limit: Int(Int32.max)) }
        inbox.post(.galleryEntriesLoaded(all, isFirstPage: true, isLastPage: isLastPage))
    }

    /// An image's parameters for the gallery's caption and preview: from the catalog when it has read them
    /// (read once per image ever, across app starts). An unread one is handed to the background reader (started
    /// if need be), which reads it next and posts it. One the catalog does not hold yet (just generated) is read
    /// here. `.noCatalog` without a catalog (the caller reads the head itself).
    func metadata(of object: StoredObject, loader: ImageLoader) async -> CatalogAnswer {
        guard let catalog else { return .noCatalog }
        let known = try? await catalog.run { () throws(CatalogError) in try catalog.images(forKeys: [object.key]) }
        if let image = known?[object.key], image.entry.object.etag == object.etag {
            switch image.metadata {
            case .parameters(let parameters): return .known(parameters.imageMetadata)
            case .none: return .known(nil)
            case .unread:
                // Read by the reader (once), not here as well; it is started if it is not running.
                let idle = wanted.withLock { wanted -> Bool in
                    wanted.append(image.entry)
                    return !readerRunning.load(ordering: .relaxed)
                }
                if idle {
                    let refresher = CatalogRefresher(catalog: catalog, listing: listing)
                    Task { await self.readParameters(catalog, refresher: refresher) }
                }
                return .later
            }
        }
        let read: ImageMetadata?
        do {
            read = try await loader.metadata(key: object.key, etag: object.etag)
        } catch {
            return .failed("\(error)")
        }
        let outcome: HeadMetadataReader.Outcome = read.map { .parameters($0) } ?? .none
        // A row the catalog refuses (parameters it cannot store) stays unread; the background reader marks it.
        _ = try? await catalog.run { () throws(CatalogError) in try catalog.record(outcome, key: object.key, etag: object.etag) }
        return .known(read)
    }

    enum CatalogAnswer {
        case noCatalog
        case known(ImageMetadata?)
        /// The background reader reads it and posts `metadataLoaded`.
        case later
        /// The image could not be read (not the same as carrying no parameters).
        case failed(String)
    }

    /// Reads unread images' parameters, newest first, a batch at a time (images on screen first), reporting
    /// what is left after each.
    private func readParameters(_ catalog: Catalog, refresher: CatalogRefresher) async {
        guard !stopped.load(ordering: .relaxed), !readerRunning.exchange(true, ordering: .relaxed) else { return }
        let rebuilds = catalog.rebuilds
        defer { postIfRebuilt(catalog, since: rebuilds) }
        let reader = HeadMetadataReader(store: store)
        while true {
            let batch = wanted.withLock { wanted in
                defer { wanted = [] }
                return wanted
            }
            // What was handed over may have been read since (by the last batch): answered from the catalog.
            guard let known = try? await catalog.run({ () throws(CatalogError) in try catalog.images(forKeys: batch.map(\.key)) })
            else { break }
            var onScreen: [GalleryEntry] = []
            for entry in batch {
                switch known[entry.key]?.metadata {
                case .some(.parameters(let parameters)): inbox.post(.metadataLoaded(key: entry.key, parameters.imageMetadata))
                case .some(CatalogImage.Metadata.none), nil: inbox.post(.metadataLoaded(key: entry.key, nil))
                case .some(.unread): onScreen.append(entry)
                }
            }
            let onScreenKeys = Set(onScreen.map(\.key))
            guard let unread = try? await catalog.run({ () throws(CatalogError) in try catalog.unread(limit: 64) }),
                  let reads = try? await refresher.readMetadata(of: onScreen + unread.filter { !onScreenKeys.contains($0.key) },
                                                                 reader: reader, concurrency: 4),
                  let left = try? await catalog.run({ () throws(CatalogError) in try catalog.unreadCount() })
            else { break }
            for read in reads where onScreenKeys.contains(read.key) {
                if case .parameters(let metadata) = read.outcome {
                    inbox.post(.metadataLoaded(key: read.key, metadata))
                } else {
                    inbox.post(.metadataLoaded(key: read.key, nil))
                }
            }
            inbox.post(.catalogMetadataProgress(unread: left))
            // Stops only with nothing handed over since the batch was taken (under the same lock the hand-over takes).
            if Task.isCancelled || stopped.load(ordering: .relaxed) { break }
            let done = reads.isEmpty && wanted.withLock { wanted in
                guard wanted.isEmpty else { return false }
                readerRunning.store(false, ordering: .relaxed)
                return true
            }
            if done { return }
        }
        // Cancelled, or the catalog could not be read: whatever was handed over is answered without parameters.
        let stranded = wanted.withLock { wanted in
            readerRunning.store(false, ordering: .relaxed)
            defer { wanted = [] }
            return wanted
        }
        for entry in stranded { inbox.post(.metadataLoaded(key: entry.key, nil)) }
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    /// An image the app has just made joins the catalog at once (its parameters unread until the reader or the
    /// preview reads them), so `/` finds it before the next listing would bring it in.
    func add(_ object: StoredObject) async {
        guard let catalog else { return }
        _ = try? await catalog.run { () throws(CatalogError) in try catalog.upsert([GalleryEntry(object)]) }
    }

    /// Searches the catalog for the filter text and posts one window of matching keys with their number. Blocks
    /// (on the catalog): called on a thread of its own.
    func search(_ text: String, offset: Int, limit: Int) {
        guard let catalog else { return }
        let rebuilds = catalog.rebuilds
        defer { postIfRebuilt(catalog, since: rebuilds) }
        do throws(CatalogError) {
            let query = try SearchQuery.parse(text)
            let window = try catalog.searchWindowKeys(query, limit: limit, offset: offset)
            let unread = query.needsParameters ? try catalog.unreadCount() : 0
            inbox.post(.catalogSearchResults(text: text, offset: offset, keys: window.keys, total: window.total, unsearched: unread))
        } catch {
            inbox.post(.catalogSearchFailed(text: text, reason: error.description))
        }
    }

    private func listWithoutCatalog() async {
        do throws(StorageError) {
            let page = try await listing.newestPage(count: 100)
            inbox.post(.galleryEntriesLoaded(page.entries, isFirstPage: true, isLastPage: false))
            let batcher = Batcher(inbox: inbox, size: Self.batchSize)
            try await listing.listEverything(onBatch: { batcher.add($0) })
            batcher.flush()
            inbox.post(.galleryPageLoaded([], isFirstPage: false, isLastPage: true))
        } catch {
            inbox.post(.galleryListingFailed(error.description))
        }
    }
}

/// Gathers listed entries from concurrent walkers and hands them to the UI in large batches.
private final class Batcher: Sendable {
    private let inbox: ActionInbox
    private let size: Int
    private let pending = Mutex<[GalleryEntry]>([])

    init(inbox: ActionInbox, size: Int) {
        self.inbox = inbox
        self.size = size
    }

    func add(_ batch: [GalleryEntry]) {
        let ready: [GalleryEntry]? = pending.withLock { pending in
            pending += batch
            guard pending.count >= size else { return nil }
            defer { pending = [] }
            return pending
        }
        if let ready { post(ready) }
    }

    func flush() {
        let ready = pending.withLock { pending in
            defer { pending = [] }
            return pending
        }
        if !ready.isEmpty { post(ready) }
    }

    private func post(_ entries: [GalleryEntry]) {
        // Sorted here, off the UI loop's thread: the gallery then merges it in one pass.
        inbox.post(.galleryEntriesLoaded(entries.sorted(by: GalleryEntry.newestFirst), isFirstPage: false, isLastPage: false))
    }
}
