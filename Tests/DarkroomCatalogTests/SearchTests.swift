import Testing
import Foundation
import DarkroomBackend
import DarkroomCore
import DarkroomGallery
import DarkroomTestSupport
@testable import DarkroomCatalog

/// `/` and `ls --search`: prompt words through FTS5, and the fields.
@Suite struct SearchTests {
    static func catalogWithImages(_ path: String) throws -> Catalog {
        let catalog = try Catalog.open(path: path)
        let images: [(Int, String, UInt32, ModelID)] = [
            (Keys.seconds(2026, 10, 2), "A cat running a marathon, golden hour", 42, "stability.stable-diffusion-xl-v1"),
            (Keys.seconds(2026, 11, 5), "Cats asleep on a piano", 7, "amazon.nova-canvas-v1:0"),
            (Keys.seconds(2026, 11, 20), "A lighthouse in a storm", 42, "amazon.nova-canvas-v1:0"),
            (Keys.seconds(2026, 11, 25), "unread image", 1, "amazon.nova-canvas-v1:0"),
        ]
        let entries = images.map { CatalogTests.entry(Keys.dated($0.0, seed: $0.2)) }
        try catalog.upsert(entries)
        for (entry, image) in zip(entries, images).dropLast() {
            try catalog.record(.parameters(CatalogTests.metadata(image.1, seed: image.2, model: image.3)), key: entry.key, etag: "e1")
        }
        return catalog
    }

    func prompts(_ text: String, in catalog: Catalog) throws -> [String] {
        try catalog.search(SearchQuery.parse(text)).compactMap { $0.parameters?.prompt }
    }

    @Test func wordsAreANDedPrefixesNewestFirst() throws {
        let folder = try TemporaryDirectory("darkroom-search")
        defer { folder.remove() }
        let catalog = try Self.catalogWithImages(folder.url.appendingPathComponent("c.sqlite").path)
        #expect(try prompts("cat", in: catalog) == ["Cats asleep on a piano", "A cat running a marathon, golden hour"])
        #expect(try prompts("CAT golden", in: catalog) == ["A cat running a marathon, golden hour"])
        #expect(try prompts("blurry", in: catalog).isEmpty, "plain words search the prompt only")
        #expect(try prompts("\"quoted", in: catalog).isEmpty)
        #expect(try prompts("unread", in: catalog).isEmpty, "unread images cannot match words")
        #expect(try catalog.unreadCount() == 1)
    }

    @Test func fieldsNarrowBySeedModelAndDate() throws {
        let folder = try TemporaryDirectory("darkroom-search")
        defer { folder.remove() }
        let catalog = try Self.catalogWithImages(folder.url.appendingPathComponent("c.sqlite").path)
        #expect(try prompts("seed:42", in: catalog) == ["A lighthouse in a storm", "A cat running a marathon, golden hour"])
        #expect(try prompts("model:nova", in: catalog) == ["A lighthouse in a storm", "Cats asleep on a piano"])
        #expect(try prompts("model:sdxl", in: catalog) == ["A cat running a marathon, golden hour"])
        #expect(try prompts("seed:42 model:nova", in: catalog) == ["A lighthouse in a storm"])
        #expect(try prompts("after:2026-11-05 before:2026-11-19", in: catalog) == ["Cats asleep on a piano"])
        // `before:` is "until" (README): the day it names is in, as `after:`'s is; it used to be left out.
        #expect(try prompts("after:2026-11-20 before:2026-11-20", in: catalog) == ["A lighthouse in a storm"])
        #expect(try prompts("before:2026-11-05", in: catalog) == ["Cats asleep on a piano", "A cat running a marathon, golden hour"])
        #expect(try catalog.search(SearchQuery.parse("after:20261121")).map(\.key) == [Keys.dated(Keys.seconds(2026, 11, 25), seed: 1)])
        #expect(try catalog.search(SearchQuery.parse("after:2028-02-29")).isEmpty, "a leap day is a real date")
    }

    /// A 2x2 sweep (cfg 4 and 6.5 by 20 and 40 steps) at one seed, and one image at another size, style and sampler:
    /// the fields a sweep varies find its cells, as `seed:` finds the whole sweep.
    @Test func fieldsNarrowByTheParametersASweepVaries() throws {
        let folder = try TemporaryDirectory("darkroom-search")
        defer { folder.remove() }
        let catalog = try Catalog.open(path: folder.url.appendingPathComponent("c.sqlite").path)
        var images = ([(4.0, 20), (6.5, 20), (4.0, 40), (6.5, 40)] as [(Double, Int)]).map { cfg, steps in
            ("cfg \(cfg) steps \(steps)", GenerationParameters(prompt: "lighthouse", cfgScale: cfg, steps: steps, seed: 9))
        }
        images.append(("other", GenerationParameters(prompt: "lighthouse", cfgScale: 7, steps: 30, seed: 10,
                                                     size: ImageSize(width: 1152, height: 896), stylePreset: "anime", sampler: "K_EULER")))
        let entries = images.indices.map { CatalogTests.entry(Keys.dated(Keys.seconds(2026, 11, 1) + 60 * $0, seed: UInt32($0))) }
        try catalog.upsert(entries)
        for (entry, image) in zip(entries, images) {
            try catalog.record(.parameters(ImageMetadata(parameters: image.1, engine: "local-preview")), key: entry.key, etag: "e1")
        }
        let names = Dictionary(uniqueKeysWithValues: zip(entries.map(\.key), images.map(\.0)))
        func found(_ text: String) throws -> [String] {
            try catalog.search(SearchQuery.parse(text)).compactMap { names[$0.key] }
        }
        #expect(try found("cfg:4") == ["cfg 4.0 steps 40", "cfg 4.0 steps 20"])
        #expect(try found("cfg_scale:6.5 steps:20") == ["cfg 6.5 steps 20"], "the sweep axis's name works too")
        #expect(try found("CFG:4.0 seed:9 lighthouse") == ["cfg 4.0 steps 40", "cfg 4.0 steps 20"])
        #expect(try found("steps:40") == ["cfg 6.5 steps 40", "cfg 4.0 steps 40"])
        #expect(try found("size:1152x896") == ["other"])
        #expect(try found("size:1024x1024").count == 4)
        #expect(try found("style:Anime sampler:k_euler") == ["other"])
        #expect(try found("style:anim").isEmpty, "a style is matched whole")
        #expect(try found("cfg:5").isEmpty)
        #expect(try SearchQuery.parse("steps:30").needsParameters)
        #expect(try !SearchQuery.parse("lighthouse steps:30").isWordsOnly)
        #expect(try catalog.searchWindowKeys(SearchQuery.parse("cfg:6.5"), limit: 1).total == 2)
    }

    /// `blurry` matched every image through its negative prompt ("blurry"), with nothing on screen saying why: plain
    /// words search the prompt, and `negative:` the negative prompt.
    @Test func negativePromptsAreSearchedOnlyThroughNegative() throws {
        let folder = try TemporaryDirectory("darkroom-search")
        defer { folder.remove() }
        let catalog = try Self.catalogWithImages(folder.url.appendingPathComponent("c.sqlite").path)
        let all = ["A lighthouse in a storm", "Cats asleep on a piano", "A cat running a marathon, golden hour"]
        #expect(try prompts("negative:blurry", in: catalog) == all)
        #expect(try prompts("NEGATIVE:blu cat", in: catalog) == Array(all.dropFirst()))
        #expect(try prompts("negative:cat", in: catalog).isEmpty)
        #expect(try prompts("negative:blurry seed:7", in: catalog) == ["Cats asleep on a piano"])
        #expect(try catalog.searchWindow(SearchQuery.parse("negative:blur"), limit: 1).total == 3)
    }

    /// unicode61 makes no word of emoji or punctuation, so `🦊`, `-` and `(` became an empty query that matched every
    /// image; and it makes one word of a whole unspaced run of CJK, so `城` and `と桜` found nothing in "日本の城と桜".
    /// Such text is now looked for in the prompt as typed, while words keep the full-text index.
    @Test func emojiPunctuationAndCJKAreFoundAnywhereInThePrompt() throws {
        let folder = try TemporaryDirectory("darkroom-search")
        defer { folder.remove() }
        let catalog = try Catalog.open(path: folder.url.appendingPathComponent("c.sqlite").path)
        let prompts = ["a red fox 🦊 in snow", "日本の城と桜 at dawn", "sci-fi city (night), 100% neon", "a plain heron", "서울의 밤거리",
                       "a fox_den"]
        let entries = prompts.indices.map { CatalogTests.entry(Keys.dated(Keys.seconds(2026, 11, 1) + $0 * 60, seed: UInt32($0))) }
        try catalog.upsert(entries)
        for (entry, prompt) in zip(entries, prompts) {
            try catalog.record(.parameters(CatalogTests.metadata(prompt, seed: 1)), key: entry.key, etag: "e1")
        }
        let expectations: [(String, [String])] = [
            ("🦊", ["a red fox 🦊 in snow"]),
            ("fox🦊", ["a red fox 🦊 in snow"]),
            ("-", ["sci-fi city (night), 100% neon"]),
            ("(", ["sci-fi city (night), 100% neon"]),
            ("%", ["sci-fi city (night), 100% neon"]),
            ("_", ["a fox_den"]),
            ("城", ["日本の城と桜 at dawn"]),
            ("と桜", ["日本の城と桜 at dawn"]),
            ("日本", ["日本の城と桜 at dawn"]),
            ("桜 DAWN", ["日本の城と桜 at dawn"]),
            ("桜 dusk", []),
            ("밤", ["서울의 밤거리"]),
            ("🐺", []),
            ("fox", ["a fox_den", "a red fox 🦊 in snow"]),
            ("sci fi", ["sci-fi city (night), 100% neon"]),
        ]
        for (text, expected) in expectations {
            #expect(try self.prompts(text, in: catalog) == expected, "\(text)")
            #expect(try catalog.searchWindowKeys(SearchQuery.parse(text), limit: 10).total == expected.count, "\(text)")
        }
        #expect(try SearchQuery.parse("🦊 と桜 fox").prompt == SearchQuery.TextTerms(words: ["fox"], fragments: ["🦊", "と桜"]))
        #expect(try SearchQuery.parse("sci-fi").isWordsOnly, "words keep the full-text index")
    }

    @Test(arguments: [
        ("seed:abc", "`seed:` wants a whole number"),
        ("seed:-1", "`seed:` wants a whole number"),
        ("fox seed:", "`seed:` wants a whole number from 0 to 4294967295 right after it, such as `seed:42`"),
        ("before:2026-13-01", "wants a real date"),
        ("after:2026-02-29", "wants a real date"),  // 2026 is not a leap year
        ("after:2026-04-31", "wants a real date"),
        ("after:yesterday", "`after:` wants a date such as 2026-11-26"),
        ("model:", "`model:` wants a model name"),
        ("negative:", "`negative:` wants a word of the negative prompt"),
        // Every part is required and an image has one of each: the second value was silently used instead.
        ("seed:1005 seed:1003", "`seed:` is given twice with different values (the second is `1003`)"),
        ("model:nova fox model:sdxl", "`model:` is given twice with different values (the second is `sdxl`)"),
        ("after:2026-11-01 after:2026-11-05", "`after:` is given twice"),
        ("before:20261101 before:2026-11-02", "`before:` is given twice"),
        ("cfg:high", "`cfg:` wants a number, not `high`"),
        ("cfg_scale:-1", "`cfg_scale:` wants a number"),
        ("cfg:nan", "`cfg:` wants a number"),
        ("steps:0", "`steps:` wants a whole number of steps, not `0`"),
        ("steps:", "`steps:` wants a whole number of steps right after it, such as `steps:30`"),
        ("size:1024", "`size:` wants WIDTHxHEIGHT, not `1024`"),
        ("style:", "`style:` wants a style preset right after it, such as `style:anime`"),
        ("sampler:", "`sampler:` wants a sampler"),
        ("cfg:4 cfg:7", "`cfg:` is given twice with different values (the second is `7`)"),
        ("style:anime style:origami", "`style:` is given twice"),
        // Taken as prompt words, these found nothing with no hint why.
        ("width:1024", "`width:` is not a search field; the fields are `seed:`, `model:`, `cfg:`, `steps:`, `size:`, `style:`, `sampler:`, `negative:`, `before:`, `after:`"),
        ("fox bogus:thing", "`bogus:` is not a search field; the fields are `seed:`, `model:`, `cfg:`, `steps:`, `size:`, `style:`, `sampler:`, `negative:`, `before:`, `after:` (to find the words in prompts, leave out the colon: `bogus thing`)"),
    ])
    func badFieldsAreRefusedWithTheReason(text: String, reason: String) {
        let error = #expect(throws: CatalogError.self) { try SearchQuery.parse(text) }
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
    }
}

extension SearchTests {
    /// The same value twice changes nothing, and text with a colon that is no `name:value` field stays searchable as
    /// typed (README: punctuation and emoji match anywhere in the prompt).
    @Test func repeatedValuesAndColonsThatAreNoFieldAreAccepted() throws {
        #expect(try SearchQuery.parse("seed:42 fox seed:42").seed == 42)
        #expect(try SearchQuery.parse("model:SDXL model:sdxl").model == "sdxl")
        #expect(try SearchQuery.parse("negative:blurry negative:dark").negativePrompt.words == ["blurry", "dark"])
        #expect(try SearchQuery.parse("16:9 :) photo:").prompt == SearchQuery.TextTerms(words: ["16", "9", "photo"], fragments: [":)"]))
    }
}

/// The gallery's search: a window of matches and their number, whichever way the catalog walks them.
@Suite struct SearchWindowTests {
    /// `count` read images, one a minute from 2026-11-01, prompts cycling through three words; every tenth unread.
    static func catalog(_ path: String, count: Int) throws -> Catalog {
        let catalog = try Catalog.open(path: path)
        let start = Keys.seconds(2026, 11, 1)
        let entries = (0..<count).map { CatalogTests.entry(Keys.dated(start + $0 * 60, seed: UInt32($0))) }
        try catalog.upsert(entries)
        let words = ["heron", "harbour", "lighthouse"]
        try catalog.record(entries.enumerated().filter { $0.offset % 10 != 9 }.map { index, entry in
            (entry.key, "e1", .parameters(CatalogTests.metadata("a \(words[index % 3]) at dusk", seed: UInt32(index % 7))))
        })
        return catalog
    }

    @Test func aWindowComesWithTheNumberOfAllMatchesNewestFirst() throws {
        let folder = try TemporaryDirectory("darkroom-search-window")
        defer { folder.remove() }
        let catalog = try Self.catalog(folder.url.appendingPathComponent("c.sqlite").path, count: 300)
        let everything = try catalog.searchKeys(SearchQuery.parse("h"))
        let window = try catalog.searchWindow(SearchQuery.parse("h"), limit: 50)
        #expect(window.total == everything.count)
        #expect(window.images.map(\.key) == Array(everything.prefix(50)))
        let next = try catalog.searchWindow(SearchQuery.parse("h"), limit: 50, offset: 50)
        #expect(next.images.map(\.key) == Array(everything[50..<100]))
        let past = try catalog.searchWindow(SearchQuery.parse("h"), limit: 50, offset: everything.count)
        #expect(past.images.isEmpty && past.total == everything.count)
        let fields = try catalog.searchWindow(SearchQuery.parse("heron seed:3"), limit: 1000)
        #expect(fields.total == fields.images.count)
        #expect(fields.images.allSatisfy { $0.parameters?.seed == 3 && $0.parameters?.prompt.contains("heron") == true })
        let fieldKeys = try catalog.searchWindowKeys(SearchQuery.parse("heron seed:3"), limit: 5, offset: 2)
        #expect(fieldKeys.keys == Array(fields.images.map(\.key)[2..<7]) && fieldKeys.total == fields.total)
        #expect(try catalog.searchWindow(SearchQuery.parse("zebra"), limit: 10).total == 0)
    }

    @Test func manyMatchesWalkTheIndexInTheSameOrderAsSortingFewDoes() throws {
        let folder = try TemporaryDirectory("darkroom-search-window")
        defer { folder.remove() }
        // More matches than the sorting plan takes: the window walks the newest-first index instead.
        let count = Catalog.sortedMatchLimit + 600
        let catalog = try Self.catalog(folder.url.appendingPathComponent("c.sqlite").path, count: count)
        let query = try SearchQuery.parse("dusk")
        let walked = try catalog.searchWindow(query, limit: 100, offset: 2_000)
        #expect(walked.total > Catalog.sortedMatchLimit)
        let sorted = try catalog.searchKeys(query)
        #expect(walked.images.map(\.key) == Array(sorted[2_000..<2_100]))
    }

    @Test func imagesForKeysGiveBackTheWholeRecordSamplerIncluded() throws {
        let folder = try TemporaryDirectory("darkroom-search-window")
        defer { folder.remove() }
        let catalog = try Catalog.open(path: folder.url.appendingPathComponent("c.sqlite").path)
        let read = CatalogTests.entry(Keys.dated(Keys.seconds(2026, 11, 2), seed: 5))
        let bare = CatalogTests.entry(Keys.dated(Keys.seconds(2026, 11, 3), seed: 6))
        let unread = CatalogTests.entry(Keys.dated(Keys.seconds(2026, 11, 4), seed: 7))
        try catalog.upsert([read, bare, unread])
        var parameters = GenerationParameters(prompt: "a heron", negativePrompt: "fog", cfgScale: 6.5, steps: 25, seed: 5,
                                              size: ImageSize(width: 1152, height: 896), stylePreset: "photographic", sampler: "K_DPMPP_2M")
        parameters.model = "stability.stable-diffusion-xl-v1"
        let record = ImageMetadata(parameters: parameters, engine: "bedrock")
        try catalog.record(.parameters(record), key: read.key, etag: "e1")
        try catalog.record(.none, key: bare.key, etag: "e1")
        let found = try catalog.images(forKeys: [read.key, bare.key, unread.key, "output-images/missing.png"])
        #expect(found[read.key]?.parameters?.imageMetadata == record)
        #expect(found[bare.key]?.metadata == CatalogImage.Metadata.none)
        #expect(found[unread.key]?.metadata == .unread)
        #expect(found["output-images/missing.png"] == nil)
    }
}

/// Searching prompt words alone reads the window off the end of the matches by id (ids follow seconds): the same
/// windows, in the same order, as sorting every match.
@Suite struct OrderedIDSearchTests {
    /// Same-second keys listed out of key order, foreign keys placed by LastModified, one key's time changed after.
    static func catalog(_ path: String) throws -> (Catalog, [GalleryEntry]) {
        let catalog = try Catalog.open(path: path)
        let start = Keys.seconds(2026, 11, 1)
        var entries: [GalleryEntry] = []
        for index in 0..<900 {
            // Three keys a second for a third of them, listed highest key first (against id order).
            let second = start + (index < 300 ? index / 3 : index * 13)
            entries.append(CatalogTests.entry(Keys.dated(second, seed: UInt32(999 - index), random: UInt32(index))))
        }
        for index in 0..<60 {
            entries.append(CatalogTests.entry("output-images/\(String(format: "%06d", index)).png", modified: Double(start + index * 41)))
        }
        // Listed in batches in a scrambled order, as concurrent prefix walkers list them.
        let scrambled = entries.enumerated().sorted { ($0.offset * 7_919) % 961 < ($1.offset * 7_919) % 961 }.map(\.element)
        for batch in stride(from: 0, to: scrambled.count, by: 100) {
            try catalog.upsert(Array(scrambled[batch..<min(batch + 100, scrambled.count)]))
        }
        let words = ["heron", "harbour", "lighthouse", "hills"]
        try catalog.record(entries.enumerated().filter { $0.offset % 11 != 5 }.map { index, entry in
            (entry.key, "e1", .parameters(CatalogTests.metadata("a \(words[index % 4]) at dusk", seed: UInt32(index % 5))))
        })
        return (catalog, entries)
    }

    @Test func everyWindowOfAWordSearchIsTheSortedMatchesWindow() throws {
        let folder = try TemporaryDirectory("darkroom-ordered-search")
        defer { folder.remove() }
        let (catalog, entries) = try Self.catalog(folder.url.appendingPathComponent("c.sqlite").path)
        // A foreign key written again later: its second, and so its id, changes.
        var moved = entries[905]
        moved.object.lastModified = Date(timeIntervalSince1970: Double(Keys.seconds(2027, 1, 1)))
        moved.sortSeconds = Keys.seconds(2027, 1, 1)
        try catalog.upsert([moved])
        try catalog.record(.parameters(CatalogTests.metadata("a heron again", seed: 1)), key: moved.key, etag: "e1")
        for text in ["h", "he", "heron", "dusk h", "a", "zebra"] {
            let query = try SearchQuery.parse(text)
            #expect(query.isWordsOnly)
            // Every match, sorted.
            let sorted = try catalog.searchKeys(query)
            for (offset, limit) in [(0, 1), (0, 7), (0, 600), (1, 3), (5, 50), (299, 2), (400, 100), (sorted.count - 1, 5), (sorted.count, 5)]
                where offset >= 0 {
                let window = try catalog.searchWindow(query, limit: limit, offset: offset)
                #expect(window.total == sorted.count, "\(text)")
                let expected = offset < sorted.count ? Array(sorted[offset..<min(sorted.count, offset + limit)]) : []
                #expect(window.images.map(\.key) == expected, "\(text) at \(offset) for \(limit)")
                let keys = try catalog.searchWindowKeys(query, limit: limit, offset: offset)
                #expect(keys.keys == expected && keys.total == sorted.count, "keys only: \(text) at \(offset) for \(limit)")
            }
        }
        #expect(try catalog.searchWindow(SearchQuery.parse("heron"), limit: 1).images.first?.key == moved.key)
        #expect(try catalog.newest(limit: 1).first?.key == moved.key)
    }

    @Test func idsFollowSecondsAndTheFullTextIndexStaysWhole() throws {
        let folder = try TemporaryDirectory("darkroom-ordered-search")
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("c.sqlite").path
        let (catalog, entries) = try Self.catalog(path)
        try catalog.reconcile(listing: Array(entries.dropLast(10)), startedAt: Catalog.nowMilliseconds())
        let connection = try SQLiteConnection(path: path)
        let rows = try connection.query("SELECT id, sort_seconds FROM images ORDER BY id").map { ($0[0].int ?? 0, $0[1].int ?? 0) }
        #expect(rows.count == entries.count - 10)
        #expect(rows.allSatisfy { Int64($0.0) >= Catalog.orderedID(second: $0.1) && Int64($0.0) < Catalog.orderedID(second: $0.1) + Catalog.idsPerSecond })
        #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.1 <= $1.1 })
        try connection.execute("INSERT INTO prompts (prompts) VALUES ('integrity-check')")
    }
}

extension Catalog {
    /// Every key matching `search`, newest first, by the plain SQL condition and a full sort: what the windowed
    /// search (the index walk and the sorted plan alike) must agree with.
    func searchKeys(_ search: SearchQuery) throws -> [String] {
        let (clause, values) = search.sqlCondition()
        var keys: [String] = []
        try withConnection { (connection) throws(SQLiteError) in
            try connection.forEachRow("SELECT key FROM images WHERE \(clause) ORDER BY sort_seconds DESC, key DESC", values) { statement in
                if let key = statement.string(0) { keys.append(key) }
            }
        }
        return keys
    }
}
