import DarkroomBackend
import Synchronization
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Newest-first listing of `output-images/` over any `ImageStore`.
///
/// Stores list keys in ascending order only, so "newest first" would otherwise mean "read everything
/// first". darkroom's names start with their UTC time, so the newest day is found by bisecting year, month
/// and day prefixes with StartAfter probes (O(log span) requests, keys dated ahead of the clock included),
/// and that day's prefix lists the newest page. The full listing walks date prefixes concurrently, and one
/// sweep that jumps over those prefixes finds every other name (the reference Lambda's `HHMMSS.png`,
/// anything another tool wrote), so every key is read exactly once.
public struct BucketListing: Sendable {
    public let store: any ImageStore
    /// How many list requests run at once in a full listing.
    public var concurrency: Int
    /// The local clock: where the search for the newest day starts (keys ahead of it are still found).
    public var now: @Sendable () -> Date

    /// Keys asked for per list request: S3's largest page (smaller ones let tests walk many pages).
    public var pageSize: Int

    public init(store: any ImageStore, concurrency: Int = 8, pageSize: Int = 1000, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.concurrency = max(1, concurrency)
        self.pageSize = max(1, pageSize)
        self.now = now
    }

    static let root = DatedKey.root
    /// Page size of probes: small, since only the first darkroom name in each answer matters.
    static let probePageSize = 100

    // MARK: - The newest page

    /// At least `count` entries (when the bucket has them) from the newest days, newest first; whole days, so
    /// the page ends on a day boundary. `coveredFrom` is the oldest day listed.
    public func newestPage(count: Int) async throws(StorageError) -> (entries: [GalleryEntry], coveredFrom: DayStamp?) {
        var entries: [GalleryEntry] = []
        var bound: DayStamp?
        var oldest: DayStamp?
        while entries.count < count, let day = try await newestDay(notAfter: bound) {
            for object in try await store.listAll(prefix: day.prefix) {
                entries.append(GalleryEntry(object))
            }
            oldest = day
            bound = day.previous
        }
        entries.sort(by: GalleryEntry.newestFirst)
        return (entries, oldest)
    }

    /// The newest day (not after `bound`) with a darkroom-named key; nil when there is none.
    public func newestDay(notAfter bound: DayStamp? = nil) async throws(StorageError) -> DayStamp? {
        let today = DayStamp(daysSince1970: Int(now().timeIntervalSince1970) / 86_400)
        // The common case in one round: a name today (or on the bound's day) and none after it.
        let first = bound.map { min($0, today) } ?? today
        let needsLater = bound.map { first < $0 } ?? true
        async let onThatDay = probe(prefix: first.prefix, startAfter: nil)
        async let afterThatDay = needsLater ? probe(prefix: Self.root, startAfter: first.prefix + "~") : .success(nil)
        let found = try await onThatDay.get()
        let later = try await afterThatDay.get()
        let nothingLater = later.map { key in bound.map { key.dayStamp > $0 } ?? false } ?? true
        if found != nil, nothingLater { return first }
        var yearUpper = bound?.year ?? 9999
        while yearUpper >= 1 {
            guard let year = try await newestChild(parent: Self.root, width: 4, range: 1...yearUpper, guess: today.year, part: \.year)
            else { return nil }
            let yearPrefix = Self.root + DatedKey.pad(year, 4)
            var monthUpper = bound?.year == year ? bound?.month ?? 12 : 12
            while monthUpper >= 1 {
                let monthGuess = year == today.year ? today.month : monthUpper
                guard let month = try await newestChild(parent: yearPrefix, width: 2, range: 1...monthUpper, guess: monthGuess, part: \.month)
                else { break }
                let sameMonth = bound.map { $0.year == year && $0.month == month } ?? false
                let dayUpper = sameMonth ? bound?.day ?? 31 : 31
                let dayGuess = year == today.year && month == today.month ? today.day : dayUpper
                let monthPrefix = yearPrefix + DatedKey.pad(month, 2)
                if let day = try await newestChild(parent: monthPrefix, width: 2, range: 1...dayUpper, guess: dayGuess, part: \.day) {
                    return DayStamp(year: year, month: month, day: day)
                }
                monthUpper = month - 1
            }
            yearUpper = year - 1
        }
        return nil
    }

    /// The largest child number in `range` (a year, month or day after `parent`) that holds a darkroom name.
    ///
    /// Each probe asks for the first darkroom name at or after a child and learns that child's number (it may
    /// jump ahead). From `guess`: gallop upward while probes find names, then bisect; if nothing is at or after
    /// the guess, one probe from the bottom of the range finds the lowest child and bisection continues from it.
    func newestChild(parent: String, width: Int, range: ClosedRange<Int>, guess: Int,
                     part: KeyPath<DatedKey, Int>) async throws(StorageError) -> Int? {
        func probe(_ child: Int) async throws(StorageError) -> Int? {
            // Every name of child-1 is shorter than or sorts before `child-1~`; child's names sort after it.
            let after = child > 0 ? parent + DatedKey.pad(child - 1, width) + "~" : nil
            guard let found = try await firstDatedKey(prefix: parent, startAfter: after) else { return nil }
            let value = found[keyPath: part]
            return (child...range.upperBound).contains(value) ? value : nil
        }
        let start = min(max(guess, range.lowerBound), range.upperBound)
        var best: Int
        var ceiling = range.upperBound
        var galloping = true
        if let found = try await probe(start) {
            best = found
        } else {
            ceiling = start - 1
            guard start > range.lowerBound, let found = try await probe(range.lowerBound) else { return nil }
            best = found
            galloping = false
        }
        var step = 1
        while best < ceiling {
            let child = galloping ? min(best + step, ceiling) : best + 1 + (ceiling - best - 1) / 2
            if let found = try await probe(child) {
                best = found
                step *= 2
            } else {
                ceiling = child - 1
                galloping = false
            }
        }
        return best
    }

    /// `firstDatedKey` as a value, for probes sent side by side.
    private func probe(prefix: String, startAfter: String?) async -> Result<DatedKey?, StorageError> {
        do {
            return .success(try await firstDatedKey(prefix: prefix, startAfter: startAfter))
        } catch {
            return .failure(error)
        }
    }

    /// The first darkroom-named key under `prefix` after `startAfter`, stepping over foreign names.
    func firstDatedKey(prefix: String, startAfter: String?) async throws(StorageError) -> DatedKey? {
        var token: String?
        repeat {
            let page = try await store.list(prefix: prefix, startAfter: token == nil ? startAfter : nil,
                                            continuationToken: token, maxKeys: Self.probePageSize)
            // A store that ignores StartAfter or the prefix (some S3 look-alikes do) must not send the bisection
            // backwards: such keys are skipped as S3 itself would never have sent them.
            for object in page.objects where object.key.hasPrefix(prefix) && startAfter.map({ object.key > $0 }) ?? true {
                if let dated = DatedKey(object.key) { return dated }
            }
            token = page.nextContinuationToken
        } while token != nil
        return nil
    }

    // MARK: - Everything

    /// Every key under `output-images/`, delivered in batches as they arrive (in no particular order) to
    /// `onBatch`; returns how many keys were listed.
    ///
    /// The listing starts as one stream from the first key. Its first page tells how many pages the rest will
    /// take (the density of its darkroom names over the span up to `newest`, or today). Up to two per walker,
    /// the stream goes on alone: a walk's discovery, gap checks and part-filled last pages would cost what it
    /// saves, and stores that scan every key per request (moto, the folder store) pay for each one. A larger
    /// bucket is walked by date prefixes concurrently, at most `concurrency` requests at once: years, months,
    /// ten-day groups or days, as many as the pages expected. Each walker then lists the gap up to the next
    /// prefix, where foreign names can sort (the reference's `HHMMSS.png` among them), unless no key can sort
    /// there. So every key is read exactly once.
    @discardableResult
    public func listEverything(newest knownNewest: DayStamp? = nil,
                               onBatch: @escaping @Sendable ([GalleryEntry]) -> Void) async throws(StorageError) -> Int {
        let first = try await store.list(prefix: Self.root, startAfter: nil, continuationToken: nil, maxKeys: pageSize)
        if !first.objects.isEmpty { onBatch(first.objects.map(GalleryEntry.init)) }
        guard first.nextContinuationToken != nil, let lastKey = first.objects.last?.key else { return first.objects.count }
        let units = try await walkUnits(after: first.objects, lastKey: lastKey, knownNewest: knownNewest)
        do {
            return try await withThrowingTaskGroup(of: Int.self) { group in
                var pending = units[...]
                var total = first.objects.count
                for _ in 0..<min(concurrency, units.count) {
                    if let unit = pending.popFirst() { group.addTask { try await self.walk(unit, onBatch: onBatch) } }
                }
                while let count = try await group.next() {
                    total += count
                    if let unit = pending.popFirst() { group.addTask { try await self.walk(unit, onBatch: onBatch) } }
                }
                return total
            }
        } catch let error as StorageError {
            throw error
        } catch {
            throw .unavailable(String(describing: error))
        }
    }

    /// What is left after the first page, `firstPage` ending at `lastKey`: the rest of the stream, or the date
    /// prefixes from there on when the rest is expected to take more pages than twice the walkers.
    private func walkUnits(after firstPage: [StoredObject], lastKey: String, knownNewest: DayStamp?) async throws(StorageError) -> [WalkUnit] {
        let rest = [WalkUnit.range(startAfter: lastKey, before: nil)]
        let names = firstPage.compactMap { DatedKey($0.key) }
        let today = DayStamp(daysSince1970: Int(now().timeIntervalSince1970) / 86_400)
        let pages = Self.expectedPages(names: names, through: knownNewest ?? today, pageSize: pageSize)
        guard pages > concurrency * 2 else { return rest }
        let newestName: DayStamp?
        if let knownNewest { newestName = knownNewest } else { newestName = try await newestDay() }
        guard let newest = newestName else { return rest }
        // The oldest name, when the first page held none (foreign names sort first).
        let oldestName: DatedKey?
        if let first = names.first { oldestName = first } else { oldestName = try await firstDatedKey(prefix: Self.root, startAfter: lastKey) }
        guard let oldest = oldestName else { return rest }
        var prefixes = Self.prefixes(from: oldest.dayStamp, to: newest, pages: pages, maxCount: concurrency * 2)[...]
        // Prefixes wholly before the last key listed are done.
        while let prefix = prefixes.first, !lastKey.utf8.starts(with: prefix.utf8), prefix.utf8.lexicographicallyPrecedes(lastKey.utf8) {
            prefixes.removeFirst()
        }
        guard let next = prefixes.first else { return rest }
        var units: [WalkUnit] = []
        if lastKey.utf8.starts(with: next.utf8) {
            // The last key listed is under this prefix: its walker starts after it.
            prefixes.removeFirst()
            units.append(.prefix(next, startAfter: lastKey, gapBefore: prefixes.first))
        } else {
            units.append(.range(startAfter: lastKey, before: next))
        }
        for (index, prefix) in zip(prefixes.indices, prefixes) {
            units.append(.prefix(prefix, startAfter: nil, gapBefore: index + 1 < prefixes.endIndex ? prefixes[index + 1] : nil))
        }
        return units
    }

    /// The pages a listing is expected to take: the density of `names` (the first page's darkroom names) over
    /// the span from the first of them to the end of `newest`. Unknowable from fewer than two seconds' names:
    /// then as many as a wide walk wants.
    static func expectedPages(names: [DatedKey], through newest: DayStamp, pageSize: Int) -> Int {
        guard let first = names.first, let last = names.last, last.seconds > first.seconds else { return Int(Int32.max) }
        let perSecond = Double(names.count - 1) / Double(last.seconds - first.seconds)
        let keys = perSecond * Double(max(0, (newest.daysSince1970 + 1) * 86_400 - first.seconds))
        return Int(min(keys / Double(pageSize), Double(Int32.max)).rounded(.up))
    }

    /// Every key under `output-images/`, newest first.
    public func listEverything() async throws(StorageError) -> [GalleryEntry] {
        let collected = Collector()
        try await listEverything(onBatch: { collected.add($0) })
        return collected.entries.sorted(by: GalleryEntry.newestFirst)
    }

    /// The date prefixes a full listing walks, one walker each: the finest level (years, months, ten-day groups
    /// `yyyyMMd`, days) with no more pieces than the pages a walk is expected to take (at most `maxCount`).
    /// Every extra piece costs a request and a piece of less than a page saves nothing, so a small bucket is
    /// one stream (no prefixes) and a large one spreads over up to `maxCount` walkers; a span too wide even
    /// for years (names dated centuries apart) is one stream as well.
    static func prefixes(from oldest: DayStamp, to newest: DayStamp, pages: Int, maxCount: Int) -> [String] {
        let wanted = min(maxCount, pages)
        guard wanted > 1, newest.year - oldest.year < maxCount else { return [] }
        let root = DatedKey.root
        var chosen = (oldest.year...newest.year).map { root + DatedKey.pad($0, 4) }
        var months: [DayStamp] = []
        var month = DayStamp(year: oldest.year, month: oldest.month, day: 1)
        while month <= newest {
            months.append(month)
            month = month.month == 12 ? DayStamp(year: month.year + 1, month: 1, day: 1) : DayStamp(year: month.year, month: month.month + 1, day: 1)
        }
        guard months.count <= wanted else { return chosen }
        chosen = months.map(\.monthPrefix)
        // Ten-day groups: the tens digit of the day (0 holds days 1-9, 3 holds 30 and 31).
        let groups = months.flatMap { start in
            (0...3).filter { tens in
                let first = DayStamp(year: start.year, month: start.month, day: max(1, tens * 10))
                let last = DayStamp(year: start.year, month: start.month, day: min(DayStamp.daysIn(year: start.year, month: start.month), tens * 10 + 9))
                return first <= last && last >= oldest && first <= newest
            }.map { start.monthPrefix + String($0) }
        }
        guard groups.count <= wanted else { return chosen }
        chosen = groups
        let days = (oldest.daysSince1970...newest.daysSince1970).map { DayStamp(daysSince1970: $0).prefix }
        return days.count <= wanted ? days : chosen
    }

    enum WalkUnit: Sendable {
        /// Everything under the prefix (after `startAfter` when given), then the keys after it and before the
        /// next walked prefix (or to the end).
        case prefix(String, startAfter: String?, gapBefore: String?)
        /// Keys after `startAfter` (from the start when nil) and before `before` (nil: to the end).
        case range(startAfter: String?, before: String?)
    }

    private func walk(_ unit: WalkUnit, onBatch: @Sendable ([GalleryEntry]) -> Void) async throws(StorageError) -> Int {
        switch unit {
        case .prefix(let prefix, let startAfter, let next):
            var token: String?
            var count = 0
            repeat {
                let page = try await store.list(prefix: prefix, startAfter: token == nil ? startAfter : nil, continuationToken: token, maxKeys: pageSize)
                if !page.objects.isEmpty { onBatch(page.objects.map(GalleryEntry.init)) }
                count += page.objects.count
                token = page.nextContinuationToken
            } while token != nil
            if let next, Self.nothingSortsBetween(prefix, next) { return count }
            // Past every key under the prefix: no key has a character above U+10FFFF.
            return count + (try await listRange(startAfter: prefix + "\u{10FFFF}", before: next, onBatch: onBatch))
        case .range(let startAfter, let before):
            return try await listRange(startAfter: startAfter, before: before, onBatch: onBatch)
        }
    }

    /// Whether no key can sort after every key under `prefix` and before `next`: the two differ only in their
    /// last byte, and those bytes are consecutive (`…26` then `…27`).
    static func nothingSortsBetween(_ prefix: String, _ next: String) -> Bool {
        let a = Array(prefix.utf8), b = Array(next.utf8)
        guard a.count == b.count, let lastA = a.last, let lastB = b.last else { return false }
        return a.dropLast() == b.dropLast() && lastA &+ 1 == lastB
    }

    /// Keys after `startAfter` (from the start when nil) and before `before` (to the end when nil), listed
    /// under the longest prefix the two bounds share (every key between them has it).
    private func listRange(startAfter: String?, before: String?, onBatch: @Sendable ([GalleryEntry]) -> Void) async throws(StorageError) -> Int {
        var prefix = Self.root
        if let startAfter, let before {
            let shared = zip(startAfter.utf8, before.utf8).prefix { $0 == $1 }.count
            prefix = String(decoding: startAfter.utf8.prefix(shared), as: UTF8.self)
        }
        var token: String?
        var count = 0
        // Small first page: most gaps are empty and the answer runs into the next prefix's keys.
        var askFor = before == nil ? pageSize : 10
        while true {
            let page = try await store.list(prefix: prefix, startAfter: token == nil ? startAfter : nil,
                                            continuationToken: token, maxKeys: askFor)
            var batch: [GalleryEntry] = []
            var reachedEnd = false
            for object in page.objects {
                if let before, !object.key.utf8.lexicographicallyPrecedes(before.utf8) {
                    reachedEnd = true
                    break
                }
                batch.append(GalleryEntry(object))
            }
            if !batch.isEmpty { onBatch(batch) }
            count += batch.count
            guard !reachedEnd, let next = page.nextContinuationToken else { return count }
            token = next
            askFor = before == nil ? pageSize : 100
        }
    }

    // MARK: - Incremental

    /// Keys sorting after the name a darkroom key written at `seconds` would have (one request for up to
    /// 1,000 keys): what is new since then, and the foreign names that sort after the date prefixes.
    public func listNamed(since seconds: Int) async throws(StorageError) -> [GalleryEntry] {
        var entries: [GalleryEntry] = []
        var token: String?
        repeat {
            let page = try await store.list(prefix: Self.root, startAfter: token == nil ? DatedKey.startAfter(seconds: seconds) : nil,
                                            continuationToken: token, maxKeys: pageSize)
            entries += page.objects.map(GalleryEntry.init)
            token = page.nextContinuationToken
        } while token != nil
        return entries
    }
}

/// Gathers batches delivered from concurrent walkers.
final class Collector: Sendable {
    private let storage = Mutex<[GalleryEntry]>([])

    func add(_ batch: [GalleryEntry]) {
        storage.withLock { $0 += batch }
    }

    var entries: [GalleryEntry] { storage.withLock { $0 } }
}
