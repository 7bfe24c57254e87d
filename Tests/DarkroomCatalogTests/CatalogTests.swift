import Testing
import Foundation
import DarkroomBackend
import DarkroomCore
import DarkroomGallery
import DarkroomImaging
import DarkroomTestSupport
@testable import DarkroomCatalog

/// The catalog file: schema, migrations, damaged files, two writers, reconciliation, refused rows.
@Suite struct CatalogTests {
    static func entry(_ key: String, size: Int = 10, etag: String = "e1", modified: Double = 1_764_000_000) -> GalleryEntry {
        GalleryEntry(StoredObject(key: key, size: size, lastModified: Date(timeIntervalSince1970: modified), etag: etag))
    }

    static func withFolder(_ body: (String) throws -> Void) throws {
        let folder = try TemporaryDirectory("darkroom-catalog")
        defer { folder.remove() }
        try body(folder.url.appendingPathComponent("cache/darkroom/catalog.sqlite").path)
    }

    static func metadata(_ prompt: String, seed: UInt32, model: ModelID = "stability.stable-diffusion-xl-v1") -> ImageMetadata {
        ImageMetadata(parameters: GenerationParameters(prompt: prompt, negativePrompt: "blurry", model: model, cfgScale: 7, steps: 30, seed: seed),
                      engine: "local-preview")
    }

    @Test func aNewCatalogHasTheWholeSchemaInWALMode() throws {
        try Self.withFolder { path in
            let catalog = try Catalog.open(path: path)
            #expect(catalog.journalMode == "wal")
            #expect(catalog.notice == nil)
            #expect(try catalog.count() == 0)
            let connection = try SQLiteConnection(path: path)
            let names = try connection.query("SELECT name FROM schema_migrations ORDER BY name").compactMap { $0.first?.string }
            #expect(names == CatalogMigrations.all.map(\.name))
            let tables = Set(try connection.query("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index')").compactMap { $0.first?.string })
            #expect(tables.isSuperset(of: ["images", "prompts", "images_newest", "images_unread", "schema_migrations", "catalog_state"]))
        }
    }

    @Test func withoutWALTheRollbackJournalIsUsed() throws {
        try Self.withFolder { path in
            let catalog = try Catalog.open(path: path, allowWAL: false)
            #expect(catalog.journalMode == "delete")
            try catalog.upsert([Self.entry("output-images/a.png")])
            #expect(try catalog.count() == 1)
        }
    }

    @Test func anOlderSchemaIsMigratedKeepingItsRows() throws {
        try Self.withFolder { path in
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            do {
                // What the first release wrote: only the listing columns.
                let connection = try SQLiteConnection(path: path)
                try CatalogMigrations.migrate(connection, migrations: Array(CatalogMigrations.all.prefix(1)))
                try connection.query(
                    "INSERT INTO images (key, size, etag, last_modified, sort_seconds, dated) VALUES (?, 5, 'e', 0, ?, 1)",
                    [.text(Keys.dated(Keys.seconds(2026, 11, 1))), .integer(Int64(Keys.seconds(2026, 11, 1)))]
                )
            }
            let catalog = try Catalog.open(path: path)
            #expect(catalog.notice == nil)
            let rows = try catalog.newest(limit: 10)
            #expect(rows.map(\.key) == [Keys.dated(Keys.seconds(2026, 11, 1))])
            #expect(rows.first?.metadata == .unread)
            try catalog.record(.parameters(Self.metadata("a lighthouse at dusk", seed: 3)), key: Keys.dated(Keys.seconds(2026, 11, 1)), etag: "e")
            #expect(try catalog.search(SearchQuery.parse("lighthouse")).count == 1)
        }
    }

    @Test func aDamagedFileIsSetAsideAndRebuilt() throws {
        try Self.withFolder { path in
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(repeating: 0x5a, count: 8192).write(to: URL(fileURLWithPath: path))
            let catalog = try Catalog.open(path: path)
            let notice = try #require(catalog.notice)
            #expect(notice.contains("set-aside") || notice.contains("moved"))
            try catalog.upsert([Self.entry("output-images/a.png")])
            #expect(try catalog.count() == 1)
            let folder = (path as NSString).deletingLastPathComponent
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.contains(".set-aside-") })
        }
    }

    @Test func aFileFromANewerDarkroomIsSetAsideAndRebuilt() throws {
        try Self.withFolder { path in
            do {
                let catalog = try Catalog.open(path: path)
                try catalog.upsert([Self.entry("output-images/a.png")])
            }
            do {
                let connection = try SQLiteConnection(path: path)
                try connection.query("INSERT INTO schema_migrations (name, applied_at) VALUES ('99-from-the-future', 0)")
            }
            let catalog = try Catalog.open(path: path)
            #expect(catalog.notice != nil)
            #expect(try catalog.count() == 0, "rebuilt empty, to be filled from the bucket")
        }
    }

    /// Random bytes inside a catalog got past the open (SQLite reads little then) and every later search failed
    /// with "database disk image is malformed", telling the user to delete the file by hand; the gallery showed 0
    /// images. Damage found by a query is treated like damage found at open: the file is set aside, a new one
    /// started, and the call answers as an empty catalog would, counted in `rebuilds` so callers list again.
    @Test func damageFoundByAQueryAfterTheOpenSetsTheFileAsideAndStartsAgain() throws {
        try Self.withFolder { path in
            do {
                let catalog = try Catalog.open(path: path)
                try catalog.upsert((0..<2_000).map { Self.entry("output-images/image-\($0).png") })
                #expect(try catalog.count() == 2_000)
            }
            try DamagedCatalog.overwriteImagePages(of: path)
            let catalog = try Catalog.open(path: path)
            #expect(catalog.notice == nil, "the open itself does not reach the damaged pages")
            #expect(catalog.rebuilds == 0)
            #expect(try catalog.search(SearchQuery.parse("after:2020-01-01")).isEmpty)
            #expect(catalog.rebuilds == 1)
            let notice = try #require(catalog.notice)
            #expect(notice.contains(".set-aside-"), "\(notice)")
            try catalog.upsert([Self.entry("output-images/a.png")])
            #expect(try catalog.count() == 1)
            let folder = (path as NSString).deletingLastPathComponent
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".set-aside-") }.count == 1)
        }
    }

    /// Each damaged file set aside stayed beside the catalog for good: only the newest is kept for a post-mortem.
    @Test func onlyTheNewestSetAsideFileIsKept() throws {
        try Self.withFolder { path in
            let folder = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for old in ["1700000000", "1700000100"] {
                try Data(repeating: 1, count: 10).write(to: URL(fileURLWithPath: path + ".set-aside-" + old))
            }
            try Data(repeating: 0x5a, count: 8192).write(to: URL(fileURLWithPath: path))
            let catalog = try Catalog.open(path: path)
            #expect(catalog.notice != nil)
            let setAside = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".set-aside-") }
            #expect(setAside.count == 1)
            #expect(setAside.first.map { !$0.hasSuffix("1700000000") && !$0.hasSuffix("1700000100") } == true, "\(setAside)")
        }
    }

    @Test func twoInstancesWriteAtOnce() async throws {
        let folder = try TemporaryDirectory("darkroom-catalog")
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        let first = try Catalog.open(path: path)
        let second = try Catalog.open(path: path)
        // Two instances, each on threads of its own, interleaving 40 write transactions apiece.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, catalog) in [first, second].enumerated() {
                group.addTask {
                    try await catalog.run { () throws(CatalogError) in
                        for batch in 0..<40 {
                            let entries = (0..<50).map { Self.entry("output-images/w\(index)-\(batch)-\($0).png") }
                            try catalog.upsert(entries)
                            try catalog.record(.none, key: entries[0].key, etag: "e1")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try first.count() == 4000)
        #expect(try second.count() == 4000)
        #expect(try second.unreadCount() == 4000 - 80)
    }

    @Test func reconciliationDeletesWhatTheListingDidNotSeeButKeepsLaterArrivals() throws {
        try Self.withFolder { path in
            let catalog = try Catalog.open(path: path)
            try catalog.upsert(["a", "b", "c"].map { Self.entry("output-images/\($0).png") }, seenAt: 1_000)
            // Seen by an incremental refresh after the full listing began.
            try catalog.upsert([Self.entry("output-images/late.png")], seenAt: 3_000)
            let deleted = try catalog.reconcile(listing: ["a", "c", "d"].map { Self.entry("output-images/\($0).png") }, startedAt: 2_000)
            #expect(deleted == ["output-images/b.png"])
            #expect(Set(try catalog.newest(limit: 10).map(\.key)) == Set(["a", "c", "d", "late"].map { "output-images/\($0).png" }))
        }
    }

    @Test func aFullListingIsRememberedForTheNextRefresh() throws {
        try Self.withFolder { path in
            let catalog = try Catalog.open(path: path)
            #expect(try catalog.lastFullListing() == nil)
            try catalog.reconcile(listing: [Self.entry("output-images/a.png")], startedAt: 5_000)
            #expect(try catalog.lastFullListing() == 5_000)
            // An older listing that ends later (another darkroom's) does not make the catalog look staler.
            try catalog.reconcile(listing: [Self.entry("output-images/a.png")], startedAt: 4_000)
            #expect(try catalog.lastFullListing() == 5_000)
        }
    }

    @Test func aChangedETagMakesTheImageUnreadAgain() throws {
        try Self.withFolder { path in
            let catalog = try Catalog.open(path: path)
            try catalog.upsert([Self.entry("output-images/a.png", etag: "one")])
            try catalog.record(.parameters(Self.metadata("red fox", seed: 1)), key: "output-images/a.png", etag: "one")
            try catalog.upsert([Self.entry("output-images/a.png", etag: "one")])
            #expect(try catalog.unreadCount() == 0)
            try catalog.upsert([Self.entry("output-images/a.png", etag: "two")])
            #expect(try catalog.unreadCount() == 1)
            #expect(try catalog.search(SearchQuery.parse("fox")).isEmpty)
            // A read of the old version does not land on the new one.
            try catalog.record(.none, key: "output-images/a.png", etag: "one")
            #expect(try catalog.unreadCount() == 1)
        }
    }

    @Test func relistingUnchangedImagesLeavesTheSearchIndexAlone() throws {
        try Self.withFolder { path in
            let catalog = try Catalog.open(path: path)
            let keys = (0..<50).map { Keys.dated(Keys.seconds(2026, 11, 1) + $0 * 60, seed: UInt32($0)) }
            try catalog.upsert(keys.map { Self.entry($0) })
            try catalog.record(keys.enumerated().map { ($1, "e1", .parameters(Self.metadata("red fox \($0)", seed: UInt32($0)))) })
            let connection = try SQLiteConnection(path: path)
            // The full-text index's own table: every write to the index adds to it.
            let indexRows = { try connection.query("SELECT count(*) FROM prompts_data").first?.first?.int ?? -1 }
            let before = try indexRows()
            for _ in 0..<3 { try catalog.upsert(keys.map { Self.entry($0) }) }
            #expect(try indexRows() == before, "re-listing 50 unchanged images three times wrote to the search index")
            #expect(try catalog.search(SearchQuery.parse("fox")).count == 50)
            // A real change still reaches it: a new ETag clears the prompt, so the image leaves the index.
            try catalog.upsert([Self.entry(keys[0], etag: "e2")])
            #expect(try catalog.search(SearchQuery.parse("fox")).count == 49)
        }
    }

    static let badEntries: [(GalleryEntry, String)] = [
        (entry(""), "its key is empty"),
        (entry("output-images/a\u{0}.png"), "its key contains a NUL byte"),
        (entry("output-images/" + String(repeating: "x", count: 1100)), "longer than S3's 1,024 bytes"),
        (entry("output-images/a.png", size: -1), "its size -1 is negative"),
        (entry("output-images/a.png", etag: ""), "it has no ETag"),
        (entry("output-images/a.png", modified: .infinity), "its LastModified date is not a real time"),
        (GalleryEntry(object: StoredObject(key: "output-images/a.png", size: 1, lastModified: Date(), etag: "e"), sortSeconds: 5, isDated: true),
         "marked as darkroom-named but its time does not match its name"),
    ]

    @Test(arguments: 0..<CatalogTests.badEntries.count)
    func everyBadEntryIsRefusedWithItsReasonAndNothingOfTheBatchIsWritten(index: Int) throws {
        let (bad, reason) = Self.badEntries[index]
        try Self.withFolder { path in
            let catalog = try Catalog.open(path: path)
            let error = #expect(throws: CatalogError.self) { try catalog.upsert([Self.entry("output-images/good.png"), bad]) }
            #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
            #expect(error?.description.hasPrefix("The catalog refused the entry") == true)
            #expect(try catalog.count() == 0)
        }
    }

    static let badParameters: [(ImageMetadata, String)] = [
        (ImageMetadata(parameters: GenerationParameters(prompt: "x", steps: 0, seed: 1), engine: "bedrock"), "its steps (0) are not positive"),
        (ImageMetadata(parameters: GenerationParameters(prompt: "x", cfgScale: -.infinity, seed: 1), engine: "bedrock"), "its CFG scale (-inf) is not a non-negative number"),
        (ImageMetadata(parameters: GenerationParameters(prompt: "x", seed: 1, size: ImageSize(width: 0, height: 512)), engine: "bedrock"), "its size 0x512 is not positive"),
        (ImageMetadata(parameters: GenerationParameters(prompt: "a\u{0}b", seed: 1), engine: "bedrock"), "its prompt contains a NUL byte"),
    ]

    @Test(arguments: 0..<CatalogTests.badParameters.count)
    func everyBadParameterRowIsRefusedWithItsReason(index: Int) throws {
        let (bad, reason) = Self.badParameters[index]
        try Self.withFolder { path in
            let catalog = try Catalog.open(path: path)
            try catalog.upsert([Self.entry("output-images/a.png")])
            let error = #expect(throws: CatalogError.self) { try catalog.record(.parameters(bad), key: "output-images/a.png", etag: "e1") }
            #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
            #expect(try catalog.unreadCount() == 1)
        }
    }
}

/// The migration that completes stored parameters with the sampler.
@Suite struct SamplerMigrationTests {
    @Test func imagesReadBeforeTheSamplerColumnAreReadOnceMoreAndImagesWithoutParametersAreNot() throws {
        try CatalogTests.withFolder { path in
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let withParameters = Keys.dated(Keys.seconds(2026, 11, 1))
            let without = Keys.dated(Keys.seconds(2026, 11, 2))
            do {
                let connection = try SQLiteConnection(path: path)
                try CatalogMigrations.migrate(connection, migrations: Array(CatalogMigrations.all.prefix(3)))
                for (key, state) in [(withParameters, 1), (without, 2)] {
                    try connection.query(
                        "INSERT INTO images (key, size, etag, last_modified, sort_seconds, dated, metadata, prompt) VALUES (?, 5, 'e', 0, ?, 1, ?, ?)",
                        [.text(key), .integer(Int64(DatedKey(key)?.seconds ?? 0)), .integer(Int64(state)), state == 1 ? .text("a heron") : .null]
                    )
                }
            }
            let catalog = try Catalog.open(path: path)
            #expect(try catalog.unread(limit: 10).map(\.key) == [withParameters])
            #expect(try catalog.images(forKeys: [without])[without]?.metadata == CatalogImage.Metadata.none)
        }
    }
}

/// The migration to ids in newest-first order and prefix indexes: a catalog written before it keeps its rows, what
/// it had read, and its search results.
@Suite struct OrderedIDMigrationTests {
    @Test func aCatalogFromBeforeOrderedIDsKeepsItsRowsAndSearchResults() throws {
        try CatalogTests.withFolder { path in
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let start = Keys.seconds(2026, 11, 1)
            // Ids in listing order, not time order, as the previous schema gave them; two keys share a second.
            let rows: [(key: String, seconds: Int, prompt: String?)] = [
                (Keys.dated(start + 50, seed: 1), start + 50, "a heron at dusk"),
                (Keys.dated(start + 10, seed: 2), start + 10, "a harbour in fog"),
                (Keys.dated(start + 50, seed: 3), start + 50, "a heron in the reeds"),
                ("output-images/120000.png", start - 86_400, "a heron, reference format"),
                (Keys.dated(start + 90, seed: 4), start + 90, nil),
            ]
            do {
                let connection = try SQLiteConnection(path: path)
                try CatalogMigrations.migrate(connection, migrations: Array(CatalogMigrations.all.prefix(4)))
                for row in rows {
                    try connection.query(
                        "INSERT INTO images (key, size, etag, last_modified, sort_seconds, dated, metadata, prompt, negative_prompt, sampler) "
                            + "VALUES (?, 5, 'e1', 0, ?, ?, ?, ?, ?, 'K_EULER')",
                        [.text(row.key), .integer(Int64(row.seconds)), .integer(row.key.hasSuffix("000.png") ? 0 : 1),
                         .integer(row.prompt == nil ? 0 : 1), SQLiteValue(row.prompt), SQLiteValue(row.prompt.map { _ in "blurry" })]
                    )
                }
                #expect(try connection.query("SELECT count(*) FROM prompts WHERE prompts MATCH 'heron'").first?.first?.int == 3)
            }
            let catalog = try Catalog.open(path: path)
            #expect(catalog.notice == nil)
            let newestFirst = rows.sorted { $0.seconds != $1.seconds ? $0.seconds > $1.seconds : $0.key > $1.key }.map(\.key)
            #expect(try catalog.newest(limit: 10).map(\.key) == newestFirst)
            #expect(try catalog.unreadCount() == 1)
            #expect(try catalog.images(forKeys: [rows[0].key])[rows[0].key]?.parameters?.prompt == "a heron at dusk")
            let heron = newestFirst.filter { key in rows.first { $0.key == key }?.prompt?.contains("heron") == true }
            #expect(try catalog.search(SearchQuery.parse("heron")).map(\.key) == heron)
            #expect(try catalog.searchWindow(SearchQuery.parse("he"), limit: 2).images.map(\.key) == Array(heron.prefix(2)))
            #expect(try catalog.searchWindow(SearchQuery.parse("negative:blur"), limit: 10).total == 4)
            // New rows after the migration take ids of their own second; rows still come back newest first.
            try catalog.upsert([CatalogTests.entry(Keys.dated(start + 50, seed: 0)), CatalogTests.entry(Keys.dated(start + 70, seed: 9))])
            try catalog.record(.parameters(CatalogTests.metadata("a heron, new", seed: 0)), key: Keys.dated(start + 50, seed: 0), etag: "e1")
            let all = newestFirst + [Keys.dated(start + 50, seed: 0), Keys.dated(start + 70, seed: 9)]
            let expected = all.sorted { key1, key2 in
                let s1 = DatedKey(key1)?.seconds ?? start - 86_400, s2 = DatedKey(key2)?.seconds ?? start - 86_400
                return s1 != s2 ? s1 > s2 : key1 > key2
            }
            #expect(try catalog.newest(limit: 10).map(\.key) == expected)
            #expect(try catalog.searchWindow(SearchQuery.parse("heron"), limit: 10).images.map(\.key)
                == expected.filter { $0 == Keys.dated(start + 50, seed: 0) || heron.contains($0) })
        }
    }
}
