import DarkroomBackend
import DarkroomCatalog
import DarkroomGallery
import DarkroomThreads
import Synchronization

/// The gallery's listing and search effects: paints from the catalog at once, then lists what is new, then
/// (once per app start) the whole bucket in the background with a visible count, then reads every image's
/// parameters newest first so `/` can search them. Without a catalog: the newest page by date prefixes, then
/// everything.
final class GalleryLister: Sendable {
    private let store: any ImageStore
    private let catalog: Catalog?
    private let inbox: ActionInbox
    private let listing: BucketListing
    /// The full listing (reconciliation) runs at most once per app start: 0 not yet, 1 running, 2 done.
    private let reconciliation = Atomic(0)
    private let readerRunning = Atomic(false)

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
        do throws(CatalogError) {
            let unread = try await CatalogRefresher.blocking { () throws(CatalogError) in try catalog.unreadCount() }
            inbox.post(.catalogAttached(unread: unread))
            // 1. What the catalog knows, newest first, at once.
            let first = try await CatalogRefresher.blocking { () throws(CatalogError) in try catalog.newest(limit: Self.firstPaintRows) }
            if !first.isEmpty {
                inbox.post(.galleryPageLoaded(first.map(\.entry.object), isFirstPage: true, isLastPage: false))
                if first.count == Self.firstPaintRows { try await postWholeCatalog(catalog, isLastPage: false) }
            }
            // 2. What is new since the newest known name (the newest page, on a first open).
            let fresh = try await refresher.refreshNew(pageCount: Self.firstPageCount)
            inbox.post(.galleryPageLoaded(fresh.entries.map(\.object), isFirstPage: false, isLastPage: false))
            // 3. Once per start: the whole bucket (deletions, foreign names), counted as it arrives.
            if reconciliation.compareExchange(expected: 0, desired: 1, ordering: .relaxed).exchanged {
                let batcher = Batcher(inbox: inbox, size: Self.batchSize)
                try await refresher.reconcile(onBatch: { batcher.add($0) })
                batcher.flush()
                try await postWholeCatalog(catalog, isLastPage: true)
                reconciliation.store(2, ordering: .relaxed)
            } else if reconciliation.load(ordering: .relaxed) == 2 {
                inbox.post(.galleryPageLoaded([], isFirstPage: false, isLastPage: true))
            }
            // Else the running full listing ends the listing when it is done.
        } catch {
            inbox.post(.galleryListingFailed(error.description))
            return
        }
        await readParameters(catalog, refresher: refresher)
    }

    /// The catalog in full, replacing the listing (so deleted images leave).
    private func postWholeCatalog(_ catalog: Catalog, isLastPage: Bool) async throws(CatalogError) {
        let all = try await CatalogRefresher.blocking { () throws(CatalogError) in try catalog.newest(limit: Int(Int32.max)) }
        inbox.post(.galleryPageLoaded(all.map(\.entry.object), isFirstPage: true, isLastPage: isLastPage))
    }

    /// Reads unread images' parameters, newest first, a batch at a time, reporting what is left after each.
    private func readParameters(_ catalog: Catalog, refresher: CatalogRefresher) async {
        guard !readerRunning.exchange(true, ordering: .relaxed) else { return }
        defer { readerRunning.store(false, ordering: .relaxed) }
        let reader = HeadMetadataReader(store: store)
        while !Task.isCancelled {
            guard let read = try? await refresher.readMetadata(limit: 64, reader: reader, concurrency: 4),
                  let unread = try? await CatalogRefresher.blocking({ () throws(CatalogError) in try catalog.unreadCount() })
            else { return }
            inbox.post(.catalogMetadataProgress(unread: unread))
            if read == 0 { return }
        }
    }

    /// Searches the catalog for the filter text and posts the matching keys.
    func search(_ text: String) async {
        guard let catalog else { return }
        do throws(CatalogError) {
            let query = try SearchQuery.parse(text)
            let (keys, unread) = try await CatalogRefresher.blocking { () throws(CatalogError) -> ([String], Int) in
                (try catalog.searchKeys(query), query.needsParameters ? try catalog.unreadCount() : 0)
            }
            inbox.post(.catalogSearchResults(text: text, keys: keys, unsearched: unread))
        } catch {
            inbox.post(.catalogSearchFailed(text: text, reason: error.description))
        }
    }

    private func listWithoutCatalog() async {
        do throws(StorageError) {
            let page = try await listing.newestPage(count: 100)
            inbox.post(.galleryPageLoaded(page.entries.map(\.object), isFirstPage: true, isLastPage: false))
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
    private let pending = Mutex<[StoredObject]>([])

    init(inbox: ActionInbox, size: Int) {
        self.inbox = inbox
        self.size = size
    }

    func add(_ batch: [GalleryEntry]) {
        let ready: [StoredObject]? = pending.withLock { pending in
            pending += batch.map(\.object)
            guard pending.count >= size else { return nil }
            defer { pending = [] }
            return pending
        }
        if let ready { inbox.post(.galleryPageLoaded(ready, isFirstPage: false, isLastPage: false)) }
    }

    func flush() {
        let ready = pending.withLock { pending in
            defer { pending = [] }
            return pending
        }
        if !ready.isEmpty { inbox.post(.galleryPageLoaded(ready, isFirstPage: false, isLastPage: false)) }
    }
}
