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
        #expect(try prompts("blurry", in: catalog).count == 3, "the negative prompt is searched too")
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
        #expect(try prompts("after:2026-11-05 before:2026-11-20", in: catalog) == ["Cats asleep on a piano"])
        #expect(try catalog.search(SearchQuery.parse("after:20261121")).map(\.key) == [Keys.dated(Keys.seconds(2026, 11, 25), seed: 1)])
    }

    @Test(arguments: [
        ("seed:abc", "`seed:` wants a whole number"),
        ("seed:-1", "`seed:` wants a whole number"),
        ("before:2026-13-01", "wants a real date"),
        ("after:yesterday", "`after:` wants a date such as 2026-11-26"),
        ("model:", "`model:` wants a model name"),
    ])
    func badFieldsAreRefusedWithTheReason(text: String, reason: String) {
        let error = #expect(throws: CatalogError.self) { try SearchQuery.parse(text) }
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
    }
}
