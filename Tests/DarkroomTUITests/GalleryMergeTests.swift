import DarkroomBackend
import DarkroomGallery
import Foundation
import Testing
@testable import DarkroomTUI

/// The gallery's listing taken a batch at a time: new keys put in place, keys listed again updated where they are,
/// a key whose time changed moved, and each key's position found without an index of positions.
@Suite struct GalleryMergeTests {
    /// Keys over `seconds` distinct seconds, several per second (same-second keys sort by key), in a scrambled order.
    static func entries(_ count: Int, seconds: Int) -> [GalleryEntry] {
        (0..<count).map { index in
            let second = 1_764_000_000 + (index * 7_919) % seconds
            let key = "output-images/foreign-\((index * 104_729) % 1_000_003).png"
            return GalleryEntry(object: StoredObject(key: key, size: index, lastModified: Date(timeIntervalSince1970: Double(second)),
                                                     etag: "\"e\(index)\""), sortSeconds: second, isDated: false)
        }
    }

    @Test func batchesInAnyOrderEndNewestFirstWithEveryPositionFound() {
        let all = Self.entries(3_000, seconds: 400)
        var gallery = GalleryState()
        // Batches as concurrent prefix walkers deliver them: each a mix of times, some sorted, some not.
        var start = 0
        var batch = 1
        while start < all.count {
            let end = min(all.count, start + batch * 37)
            let slice = Array(all[start..<end])
            gallery.merge(entries: batch % 2 == 0 ? slice.sorted(by: GalleryEntry.newestFirst) : slice, replacing: start == 0)
            start = end
            batch += 1
        }
        let expected = all.sorted(by: GalleryEntry.newestFirst)
        #expect(gallery.objects.map(\.key) == expected.map(\.key))
        #expect(gallery.visible == Array(0..<expected.count))
        for (index, entry) in expected.enumerated() where index % 7 == 0 {
            #expect(gallery.position(of: entry.key) == index)
        }
        #expect(gallery.position(of: "output-images/not-listed.png") == nil)
    }

    @Test func keysListedAgainAreUpdatedInPlaceAndAKeyWhoseTimeChangedMoves() {
        let all = Self.entries(500, seconds: 50).sorted(by: GalleryEntry.newestFirst)
        var gallery = GalleryState()
        gallery.merge(entries: all, replacing: true)
        // The user moved the selection onto the 100th image: it stays there.
        gallery.selectionFollowsNewest = false
        gallery.selection = 100
        let selected = gallery.selectedObject?.key
        // Listed again: a new ETag for one, a later time for another (a foreign key written again), one new key.
        var changed = all[10]
        changed.object.etag = "\"changed\""
        var later = all[300]
        later.sortSeconds = 1_800_000_000
        later.object.lastModified = Date(timeIntervalSince1970: 1_800_000_000)
        let new = GalleryEntry(object: StoredObject(key: "output-images/new.png", size: 1, lastModified: Date(timeIntervalSince1970: 1_764_000_020),
                                                    etag: "\"n\""), sortSeconds: 1_764_000_020, isDated: false)
        gallery.merge(entries: [all[5], changed, later, new], replacing: false)
        var expected = all.filter { $0.key != later.key } + [later, new]
        expected[10] = changed
        expected.sort(by: GalleryEntry.newestFirst)
        #expect(Array(gallery.objects) == expected.map(\.object))
        #expect(gallery.objects.first?.key == later.key)
        #expect(gallery.objects.count == 501)
        #expect(gallery.selectedObject?.key == selected)
        #expect(gallery.position(of: later.key) == 0)
        #expect(gallery.position(of: changed.key).map { gallery.objects[$0].etag } == "\"changed\"")
        gallery.remove(keys: [later.key, new.key, "output-images/not-listed.png"])
        #expect(Array(gallery.objects) == all.enumerated().filter { $0.element.key != later.key }
            .map { $0.offset == 10 ? changed.object : $0.element.object })
        #expect(gallery.position(of: later.key) == nil)
        #expect(gallery.selectedObject?.key == selected)
    }

    @Test(arguments: [0, 1, 2, 17, 400])
    func insertingABatchAtPlacesMatchesInsertingOneAtATime(existing: Int) {
        var generator = SplitMix(seed: UInt64(existing))
        for round in 0..<20 {
            let base = (0..<existing).map { "old-\($0)" }
            let added = Int(generator.next() % 30)
            let places = (0..<added).map { _ in existing == 0 ? 0 : Int(generator.next() % UInt64(existing + 1)) }.sorted()
            let elements = (0..<added).map { "new-\(round)-\($0)" }
            var expected = base
            for (offset, (element, place)) in zip(elements, places).enumerated() { expected.insert(element, at: place + offset) }
            var batch = base
            batch.insert(elements, at: places)
            #expect(batch == expected)
        }
    }

    @Test func anInvalidPlanStillInsertsEveryElement() {
        var values = ["a", "b", "c"]
        values.insert(["x", "y"], at: [3, 1])
        #expect(values.sorted() == ["a", "b", "c", "x", "y"])
    }
}

/// A small deterministic generator, so a failing case can be run again.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
