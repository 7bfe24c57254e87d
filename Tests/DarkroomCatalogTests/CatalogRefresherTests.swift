import Testing
import Foundation
import DarkroomBackend
import DarkroomCore
import DarkroomGallery
import DarkroomImaging
import DarkroomTestSupport
import DarkroomThreads
@testable import DarkroomCatalog

/// Refreshing a catalog from its bucket, against moto_server and the folder store.
@Suite struct CatalogRefresherTests {
    /// A small PNG carrying `metadata` as darkroom writes it (nil: no parameters at all).
    static func png(_ metadata: ImageMetadata?) throws -> [UInt8] {
        let image = RGBAImage(width: 4, height: 4, pixels: Array(repeating: 200, count: 64))
        let bytes = try PNG.encode(image)
        guard let metadata else { return bytes }
        return try PNG.inserting(PNGTextChunk(keyword: ImageMetadata.jsonKeyword, text: metadata.json()), into: bytes)
    }

    @Test(arguments: GalleryStoreKind.allCases)
    func anIncrementalRefreshIsOneListRequestAndMetadataIsReadOnce(kind: GalleryStoreKind) async throws {
        try await kind.withStore { inner in
            let folder = try TemporaryDirectory("darkroom-refresh")
            defer { folder.remove() }
            let store = CountingStore(inner: inner)
            let now = Keys.seconds(2026, 11, 30)
            let keys = (0..<30).map { Keys.dated(now - $0 * 7_200, seed: UInt32($0)) }
            for (index, key) in keys.enumerated() {
                let metadata = index == 3 ? nil : CatalogTests.metadata("harbour number \(index)", seed: UInt32(index))
                try await store.put(key: key, bytes: try Self.png(metadata), contentType: "image/png", metadata: [:])
            }
            try await store.put(key: "output-images/101010.png", bytes: try Self.png(nil), contentType: "image/png", metadata: [:])
            let catalog = try Catalog.open(path: folder.url.appendingPathComponent("c.sqlite").path)
            let refresher = CatalogRefresher(catalog: catalog, listing: BucketListing(store: store, now: { Date(timeIntervalSince1970: TimeInterval(now)) }))

            // Empty catalog: the newest page by date prefixes.
            let first = try await refresher.refreshNew(pageCount: 10)
            #expect(first.listedNewestPage)
            #expect(first.entries.first?.key == keys[0])
            #expect(try catalog.newest(limit: 1).first?.key == keys[0])

            // The full listing brings the rest, the foreign name included, once per start.
            #expect(try await refresher.reconcile().isEmpty)
            #expect(try catalog.count() == 31)

            // One new image: exactly one List request.
            let fresh = Keys.dated(now + 60, seed: 99)
            try await store.put(key: fresh, bytes: try Self.png(CatalogTests.metadata("a new one", seed: 99)), contentType: "image/png", metadata: [:])
            store.resetCount()
            let second = try await refresher.refreshNew()
            #expect(store.listRequests == 1)
            #expect(!second.listedNewestPage)
            #expect(second.entries.first?.key == fresh)
            #expect(try catalog.count() == 32)

            // Parameters: read once each, newest first; the image without any is marked, not read again.
            let reader = HeadMetadataReader(store: store)
            #expect(try await refresher.readMetadata(limit: 10, reader: reader) == 10)
            // By key: the foreign name sorts by its LastModified, the real clock's now, which may be after `now`.
            #expect(try catalog.images(forKeys: [fresh])[fresh]?.parameters?.prompt == "a new one")
            #expect(try await refresher.readMetadata(limit: 100, reader: reader) == 22)
            #expect(try await refresher.readMetadata(limit: 100, reader: reader) == 0)
            #expect(try catalog.unreadCount() == 0)
            let unmarked = try catalog.newest(limit: 100).filter { $0.metadata == .none }.map(\.key)
            #expect(Set(unmarked) == [keys[3], "output-images/101010.png"])
            #expect(try catalog.search(SearchQuery.parse("harbour seed:12")).map(\.key) == [keys[12]])

            // Deleted from the bucket: gone after the next reconciliation.
            try await store.delete(key: keys[5])
            #expect(try await refresher.reconcile() == [keys[5]])
            #expect(try catalog.count() == 31)
        }
    }

    /// A one-off answer (`ls --search`) listed the whole bucket only into an empty catalog, then only names newer
    /// than the newest known: an image put in under an older name was never found and a deleted one never left.
    /// `refresh` lists everything when asked, when no full listing is recorded, or when the last one is too old.
    @Test func aOneOffRefreshListsEverythingWhenTheLastFullListingIsOld() async throws {
        try await GalleryStoreKind.directory.withStore { store in
            let folder = try TemporaryDirectory("darkroom-refresh")
            defer { folder.remove() }
            let now = Keys.seconds(2026, 11, 30)
            let keys = (0..<3).map { Keys.dated(now - $0 * 60, seed: UInt32($0)) }
            try await Keys.put(keys, into: store)
            let catalog = try Catalog.open(path: folder.url.appendingPathComponent("c.sqlite").path)
            let refresher = CatalogRefresher(catalog: catalog, listing: BucketListing(store: store, now: { Date(timeIntervalSince1970: TimeInterval(now)) }))
            try await refresher.refresh(full: false)
            #expect(try catalog.count() == 3)
            #expect(try catalog.lastFullListing() != nil)

            let older = Keys.dated(now - 86_400 * 30, seed: 9)
            try await Keys.put([older], into: store)
            try await store.delete(key: keys[1])
            try await refresher.refresh(full: false)
            #expect(try catalog.count() == 3, "a recent full listing: only new names are listed")
            try await refresher.refresh(full: true)
            #expect(Set(try catalog.newest(limit: 10).map(\.key)) == [keys[0], keys[2], older])

            try await store.delete(key: keys[2])
            try await Task.sleep(for: .milliseconds(20))
            try await refresher.refresh(full: false, maxAge: .milliseconds(10))
            #expect(Set(try catalog.newest(limit: 10).map(\.key)) == [keys[0], older], "the last full listing is too old")
        }
    }

    /// A catalog's calls from many tasks at once run one at a time on its one thread: it serializes them on its
    /// connection anyway, and a thread a call put a thread per visible image behind its lock while paging.
    @Test func aCatalogsWorkFromManyTasksRunsOnItsOneThread() async throws {
        let folder = try TemporaryDirectory("darkroom-catalog-thread")
        defer { folder.remove() }
        let catalog = try Catalog.open(path: folder.url.appendingPathComponent("c.sqlite").path)
        let tally = ConcurrencyTally()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<24 {
                group.addTask {
                    try await catalog.run { () throws(CatalogError) -> Int in
                        try tally.measure { () throws(CatalogError) -> Int in
                            usleep(1_000)
                            return try catalog.unreadCount()
                        }
                    }
                }
            }
            for try await count in group { #expect(count == 0) }
        }
        #expect(tally.runs == 24)
        // One at a time (the thread may be a new one if the machine was slow enough for the first to go idle).
        #expect(tally.mostAtOnce == 1)
    }

    /// Two catalogs (two buckets, or two tests side by side) do not queue behind each other: one catalog's call
    /// waits for a call on the other, which can only come from a thread of its own.
    @Test func twoCatalogsRunTheirWorkSideBySide() async throws {
        let folder = try TemporaryDirectory("darkroom-catalog-threads")
        defer { folder.remove() }
        let first = try Catalog.open(path: folder.url.appendingPathComponent("a.sqlite").path)
        let second = try Catalog.open(path: folder.url.appendingPathComponent("b.sqlite").path)
        let started = Semaphore(), answered = Semaphore()
        async let waited = first.run { () throws(CatalogError) -> Bool in
            started.signal()
            return answered.wait(timeout: .seconds(120))
        }
        await BlockingWork.run { started.wait() }
        try await second.run { () throws(CatalogError) in answered.signal() }
        let heard = try await waited
        #expect(heard, "the second catalog's call ran while the first's waited")
    }
}
