import Testing
import Foundation
import DarkroomBackend
@testable import DarkroomGallery
import DarkroomTestSupport

/// Newest-first listing by date prefixes, against moto_server and the folder store alike.
@Suite struct BucketListingTests {
    /// The local clock in these tests: 2026-11-30 12:00 UTC.
    static let clock = Date(timeIntervalSince1970: TimeInterval(Keys.seconds(2026, 11, 30)))

    /// Keys over fourteen months with gaps (no February or March), keys dated ahead of the clock, three keys
    /// named in one second, and foreign names, some of which look like date prefixes.
    static let datedKeys: [String] = {
        var keys: [String] = []
        var random: UInt32 = 1
        for (year, month) in [(2025, 10), (2025, 11), (2025, 12), (2026, 1), (2026, 4), (2026, 7), (2026, 9), (2026, 10), (2026, 11)] {
            for day in [1, 9, 10, 19, 20, 28] {
                for hour in [3, 17] {
                    random += 1
                    keys.append(Keys.dated(Keys.seconds(year, month, day, hour), seed: UInt32(day * 100 + hour), random: random))
                }
            }
        }
        let sameSecond = Keys.seconds(2026, 11, 29, 8)
        keys += [Keys.dated(sameSecond, seed: 1, random: 0xa), Keys.dated(sameSecond, seed: 2, random: 0xb), Keys.dated(sameSecond, seed: 1, random: 0xc)]
        // Ahead of the local clock (a machine with a slow clock, or a bucket written from elsewhere).
        keys += [Keys.dated(Keys.seconds(2027, 1, 5, 9), seed: 5, random: 0xee), Keys.dated(Keys.seconds(2027, 1, 5, 10), seed: 6, random: 0xef)]
        return keys
    }()

    static let foreignKeys = [
        "output-images/202611.png",     // reference HHMMSS.png that starts like the month 2026-11
        "output-images/202613.png",     // sorts between the month prefixes
        "output-images/093000.png",
        "output-images/235959.png",
        "output-images/20261126T024935Z-0428-4d235eb5.png",  // almost darkroom's format, under a day prefix
        "output-images/2026-photo.png",
        "output-images/notes.txt",
        "output-images/zzz.png",
    ]

    @Test(arguments: GalleryStoreKind.allCases)
    func theFirstPageIsTheNewestAndAFullListingReadsEveryKeyOnce(kind: GalleryStoreKind) async throws {
        try await kind.withStore { inner in
            try await Keys.put(Self.datedKeys + Self.foreignKeys, into: inner)
            let store = CountingStore(inner: inner)
            let listing = BucketListing(store: store, concurrency: 4, now: { Self.clock })

            let page = try await listing.newestPage(count: 5)
            let newestFirst = Self.datedKeys.sorted { DatedKey($0)?.seconds ?? 0 > DatedKey($1)?.seconds ?? 0 || (DatedKey($0)?.seconds == DatedKey($1)?.seconds && $0 > $1) }
            // Two keys on the newest day (ahead of the clock), so the page goes on to the next day with keys (three).
            #expect(page.entries.filter(\.isDated).prefix(5).map(\.key) == Array(newestFirst.prefix(5)))
            #expect(page.entries.first?.key == Keys.dated(Keys.seconds(2027, 1, 5, 10), seed: 6, random: 0xef))
            #expect(page.coveredFrom == DayStamp(year: 2026, month: 11, day: 29))
            #expect(page.entries.count == 5)

            // S3's pages (the bucket is one stream), then pages so small the walk spreads over date prefixes.
            for pageSize in [1000, 3] {
                var walk = listing
                walk.pageSize = pageSize
                let everything = try await walk.listEverything()
                #expect(everything.count == Self.datedKeys.count + Self.foreignKeys.count, "every key exactly once (pages of \(pageSize))")
                #expect(Set(everything.map(\.key)) == Set(Self.datedKeys + Self.foreignKeys))
                #expect(everything.filter(\.isDated).map(\.key) == newestFirst)
                // The almost-darkroom name is foreign even under a day prefix: placed by LastModified (today).
                let lookalike = try #require(everything.first { $0.key == "output-images/20261126T024935Z-0428-4d235eb5.png" })
                #expect(!lookalike.isDated)
                #expect(abs(lookalike.sortSeconds - Int(Date().timeIntervalSince1970)) < 600)
            }
        }
    }

    @Test(arguments: GalleryStoreKind.allCases)
    func aSmallBucketIsOneStreamAndALargeOneIsWalkedByPrefixes(kind: GalleryStoreKind) async throws {
        try await kind.withStore { inner in
            // 400 names, two an hour over the last 200 hours, and the reference Lambda's names among them.
            let now = Keys.seconds(2026, 11, 30, 12)
            let names = (0..<400).map { Keys.dated(now - $0 * 1800, seed: UInt32($0), random: UInt32($0)) }
            let reference = ["output-images/000501.png", "output-images/120000.png", "output-images/235959.png"]
            let all = Set(names + reference)
            try await Keys.put(names + reference, into: inner)
            let store = CountingStore(inner: inner)
            let clock = Date(timeIntervalSince1970: TimeInterval(now))
            var listed: [GalleryEntry] = []
            // Pages of 1,000: the bucket is one page, one request.
            var listing = BucketListing(store: store, concurrency: 4, now: { clock })
            #expect(try await Self.requests(store) { listed = try await listing.listEverything() } == 1)
            #expect(Set(listed.map(\.key)) == all && listed.count == all.count)
            // Pages of 100: the first page's names promise five pages, fewer than two per walker: one stream.
            listing.pageSize = 100
            #expect(try await Self.requests(store) { listed = try await listing.listEverything() } == 5)
            #expect(Set(listed.map(\.key)) == all && listed.count == all.count)
            // Pages of 40: eleven pages, more than eight: the newest day is found and the rest is walked by
            // prefixes (ten-day groups here), the first one from where the first page ended.
            listing.pageSize = 40
            let walked = try await Self.requests(store) { listed = try await listing.listEverything() }
            #expect(Set(listed.map(\.key)) == all && listed.count == all.count)
            #expect(walked > 11 && walked <= 11 + 2 + 2 * 2, "\(walked) requests")
            // Pages of 2: the first holds only reference names, so nothing tells the size: walked wide, from a
            // range after the first page up to the first prefix.
            listing.pageSize = 2
            listed = try await listing.listEverything()
            #expect(Set(listed.map(\.key)) == all && listed.count == all.count)
        }
    }

    private static func requests(_ store: CountingStore, _ body: () async throws -> Void) async rethrows -> Int {
        store.resetCount()
        try await body()
        return store.listRequests
    }

    @Test(arguments: GalleryStoreKind.allCases)
    func theNewestDayIsFoundInLogarithmicallyManyRequests(kind: GalleryStoreKind) async throws {
        try await kind.withStore { inner in
            try await Keys.put(Self.datedKeys + Self.foreignKeys, into: inner)
            let store = CountingStore(inner: inner)
            // A clock years behind the keys, and one years ahead: the search gallops instead of stepping.
            for clock in [Keys.seconds(2019, 3, 1), Keys.seconds(2031, 6, 1), Keys.seconds(2026, 11, 30)] {
                store.resetCount()
                let listing = BucketListing(store: store, now: { Date(timeIntervalSince1970: TimeInterval(clock)) })
                #expect(try await listing.newestDay() == DayStamp(year: 2027, month: 1, day: 5))
                #expect(store.listRequests <= 20, "\(store.listRequests) requests with the clock at \(clock)")
                store.resetCount()
                #expect(try await listing.newestDay(notAfter: DayStamp(year: 2026, month: 6, day: 30)) == DayStamp(year: 2026, month: 4, day: 28))
                #expect(store.listRequests <= 24)
            }
        }
    }

    @Test(arguments: GalleryStoreKind.allCases)
    func aBucketOfForeignNamesOnlyIsListedByTheSweep(kind: GalleryStoreKind) async throws {
        try await kind.withStore { inner in
            let listing = BucketListing(store: inner, now: { Self.clock })
            #expect(try await listing.newestDay() == nil)
            #expect(try await listing.listEverything().isEmpty)
            try await Keys.put(Self.foreignKeys, into: inner)
            #expect(try await listing.newestPage(count: 24).entries.isEmpty)
            #expect(Set(try await listing.listEverything().map(\.key)) == Set(Self.foreignKeys))
        }
    }

    @Test(arguments: GalleryStoreKind.allCases)
    func whatIsNewSinceATimeIsOneRequest(kind: GalleryStoreKind) async throws {
        try await kind.withStore { inner in
            try await Keys.put(Self.datedKeys, into: inner)
            let store = CountingStore(inner: inner)
            let listing = BucketListing(store: store, now: { Self.clock })
            let since = Keys.seconds(2026, 11, 29, 8)
            let fresh = try await listing.listNamed(since: since)
            #expect(store.listRequests == 1)
            // The three same-second keys (named exactly at `since`) and the two ahead of the clock.
            #expect(Set(fresh.map(\.key)) == Set(Self.datedKeys.filter { (DatedKey($0)?.seconds ?? 0) >= since }))
            #expect(fresh.count == 5)
        }
    }

    @Test func prefixesAreAsManyAsThePagesExpected() {
        let year = BucketListing.prefixes(from: DayStamp(year: 2025, month: 11, day: 3), to: DayStamp(year: 2026, month: 11, day: 30), pages: 100, maxCount: 16)
        #expect(year.first == "output-images/202511" && year.last == "output-images/202611" && year.count == 13)
        let month = BucketListing.prefixes(from: DayStamp(year: 2026, month: 10, day: 31), to: DayStamp(year: 2026, month: 11, day: 30), pages: 10, maxCount: 16)
        #expect(month == ["output-images/2026103", "output-images/2026110", "output-images/2026111", "output-images/2026112", "output-images/2026113"])
        let days = BucketListing.prefixes(from: DayStamp(year: 2026, month: 11, day: 28), to: DayStamp(year: 2026, month: 12, day: 2), pages: 5, maxCount: 16)
        #expect(days == ["output-images/20261128", "output-images/20261129", "output-images/20261130", "output-images/20261201", "output-images/20261202"])
        let years = BucketListing.prefixes(from: DayStamp(year: 2020, month: 1, day: 1), to: DayStamp(year: 2026, month: 11, day: 30), pages: 8, maxCount: 16)
        #expect(years == (2020...2026).map { "output-images/\($0)" })
        #expect(BucketListing.prefixes(from: DayStamp(year: 2026, month: 1, day: 1), to: DayStamp(year: 2026, month: 11, day: 30), pages: 1, maxCount: 16).isEmpty)
        #expect(BucketListing.prefixes(from: DayStamp(year: 1900, month: 1, day: 1), to: DayStamp(year: 2026, month: 11, day: 30), pages: 500, maxCount: 16).isEmpty,
                "a span too wide for years is one stream")
        #expect(BucketListing.nothingSortsBetween("output-images/20261128", "output-images/20261129"))
        #expect(!BucketListing.nothingSortsBetween("output-images/20261129", "output-images/20261130"))
        #expect(BucketListing.nothingSortsBetween("output-images/2026110", "output-images/2026111"))
        #expect(!BucketListing.nothingSortsBetween("output-images/202612", "output-images/202701"))
    }
}
