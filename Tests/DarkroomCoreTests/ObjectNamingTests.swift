import Testing
import Foundation
import DarkroomCore

@Suite struct ObjectNamingTests {
    let date = Date(timeIntervalSince1970: 1_764_115_667)  // 2025-11-26T00:07:47Z

    @Test func keyHasTheDocumentedShape() {
        var generator = SplitMix(state: 3)
        let key = ObjectNaming.imageKey(date: date, seed: 42, random: &generator)
        #expect(key.hasPrefix("output-images/20251126T000747Z-42-"))
        #expect(key.hasSuffix(".png"))
        let suffix = key.dropFirst("output-images/20251126T000747Z-42-".count).dropLast(4)
        #expect(suffix.count == 8)
        #expect(suffix.allSatisfy { $0.isHexDigit })
    }

    @Test func keysSortByTime() {
        let earlier = ObjectNaming.imageKey(date: date, seed: UInt32.max)
        let later = ObjectNaming.imageKey(date: date.addingTimeInterval(1), seed: 0)
        #expect(earlier < later)
    }

    /// 5,000 keys from a seeded generator: the same every run. From the system's generator, 32 random bits make
    /// two of 5,000 keys alike about 3 times in 1,000 runs (the birthday bound), which failed a CI run; a
    /// sweep's worth (20 keys in one second with one seed) collides about once in 20 million.
    @Test func keysInTheSameSecondWithTheSameSeedDiffer() {
        var generator = SplitMix(state: 11)
        let keys = (0..<5000).map { _ in ObjectNaming.imageKey(date: date, seed: 7, random: &generator) }
        #expect(Set(keys).count == keys.count)
        let sweep = (0..<20).map { _ in ObjectNaming.imageKey(date: date, seed: 7) }
        #expect(Set(sweep).count == sweep.count)
    }

    @Test func thumbnailKeyMirrorsTheImageKey() {
        #expect(ObjectNaming.thumbnailKey(forImageKey: "output-images/20251126T000747Z-42-0000abcd.png")
            == "output-thumbnails/20251126T000747Z-42-0000abcd.png")
        #expect(ObjectNaming.thumbnailKey(forImageKey: "output-images/120000.png") == "output-thumbnails/120000.png")
        #expect(ObjectNaming.thumbnailKey(forImageKey: "elsewhere/a.png") == nil)
        #expect(ObjectNaming.thumbnailKey(forImageKey: "output-images/") == nil)
    }

    @Test func componentsReadBackTimeAndSeed() throws {
        let key = ObjectNaming.imageKey(date: date, seed: 4_000_000_000)
        let components = try #require(ObjectNaming.components(ofImageKey: key))
        #expect(components.date == date)
        #expect(components.seed == 4_000_000_000)
        #expect(ObjectNaming.components(ofImageKey: "output-images/120000.png") == nil)
    }
}
