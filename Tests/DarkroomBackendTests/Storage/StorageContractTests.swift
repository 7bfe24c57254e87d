import Testing
import Foundation
import DarkroomBackend

/// One contract for every `ImageStore`: what S3 does, the folder store must do too.
@Suite struct StorageContractTests {
    let png: [UInt8] = Array(0..<200).map { UInt8($0) }

    @Test(arguments: StoreKind.allCases)
    func putThenGetReturnsBytesTypeAndMetadata(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.put(key: "output-images/a.png", bytes: png, contentType: "image/png", metadata: ["seed": "42"])
            let object = try await store.get(key: "output-images/a.png")
            #expect(object.bytes == png)
            #expect(object.contentType == "image/png")
            #expect(object.metadata["seed"] == "42")
            #expect(object.object.size == png.count)
            let head = try await store.head(key: "output-images/a.png")
            #expect(head.size == png.count)
            #expect(head.etag == object.object.etag)
            #expect(!head.etag.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anExistingObjectIsNeverOverwritten(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.put(key: "output-images/a.png", bytes: png, contentType: "image/png", metadata: [:])
            await #expect(throws: StorageError.alreadyExists(key: "output-images/a.png")) {
                try await store.put(key: "output-images/a.png", bytes: [1, 2, 3], contentType: "image/png", metadata: [:])
            }
            #expect(try await store.get(key: "output-images/a.png").bytes == png)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentWritersToOneKeyYieldExactlyOneWinner(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let outcomes = await withTaskGroup(of: UInt8?.self) { group in
                for writer in UInt8(0)..<8 {
                    group.addTask {
                        do {
                            try await store.put(key: "output-images/race.png", bytes: [UInt8](repeating: writer, count: 4096),
                                                contentType: "image/png", metadata: [:])
                            return writer
                        } catch {
                            return nil
                        }
                    }
                }
                return await group.reduce(into: [UInt8]()) { if let winner = $1 { $0.append(winner) } }
            }
            if kind.conditionalWritesAreAtomic { #expect(outcomes.count == 1) }
            // Whatever the peer let through, the object is one writer's bytes whole, never a mix.
            let stored = try await store.get(key: "output-images/race.png").bytes
            let winner = try #require(stored.first)
            #expect(outcomes.contains(winner))
            #expect(stored == [UInt8](repeating: winner, count: 4096))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func missingObjectsAreNotFound(kind: StoreKind) async throws {
        try await kind.withStore { store in
            await #expect(throws: StorageError.notFound(key: "output-images/none.png")) {
                try await store.get(key: "output-images/none.png")
            }
            await #expect(throws: StorageError.notFound(key: "output-images/none.png")) {
                try await store.head(key: "output-images/none.png")
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func rangedGetsReturnTheHeadAndClampAtTheEnd(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.put(key: "k.bin", bytes: png, contentType: "application/octet-stream", metadata: [:])
            let head = try await store.get(key: "k.bin", range: 0...15)
            #expect(head.bytes == Array(png[0...15]))
            #expect(head.object.size == png.count)
            let tail = try await store.get(key: "k.bin", range: 190...10_000)
            #expect(tail.bytes == Array(png[190...]))
            await #expect(throws: StorageError.self) { try await store.get(key: "k.bin", range: 200...300) }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func listingIsInKeyOrderAndPaginates(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let keys = ["output-images/20250101T000000Z-1-a.png", "output-images/20250102T000000Z-2-b.png",
                        "output-images/20241231T235959Z-3-c.png", "output-images/sub/x.png", "output-images/Z.png",
                        "output-images/20250101T000000Z-1-0.png", "output-images/é.png"]
            for key in keys.shuffled() {
                try await store.put(key: key, bytes: [1], contentType: "image/png", metadata: [:])
            }
            try await store.put(key: "output-thumbnails/t.png", bytes: [1], contentType: "image/png", metadata: [:])
            try await store.put(key: "output-imagesX.png", bytes: [1], contentType: "image/png", metadata: [:])

            var pages: [StoragePage] = []
            var token: String?
            repeat {
                let page = try await store.list(prefix: "output-images/", continuationToken: token, maxKeys: 3)
                pages.append(page)
                token = page.nextContinuationToken
            } while token != nil
            #expect(pages.map(\.objects.count) == [3, 3, 1])
            let expected = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            #expect(pages.flatMap(\.objects).map(\.key) == expected)

            let partial = try await store.list(prefix: "output-images/2025", continuationToken: nil, maxKeys: 1000)
            #expect(partial.objects.map(\.key) == expected.filter { $0.hasPrefix("output-images/2025") })
            #expect(partial.nextContinuationToken == nil)
            #expect(try await store.listAll(prefix: "output-thumbnails/").map(\.key) == ["output-thumbnails/t.png"])
            #expect(try await store.listAll(prefix: "nothing/").isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func deleteRemovesAndIsIdempotent(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.put(key: "a/b.png", bytes: png, contentType: "image/png", metadata: [:])
            try await store.delete(key: "a/b.png")
            await #expect(throws: StorageError.notFound(key: "a/b.png")) { try await store.head(key: "a/b.png") }
            try await store.delete(key: "a/b.png")
            try await store.put(key: "a/b.png", bytes: [9], contentType: "image/png", metadata: [:])
            #expect(try await store.get(key: "a/b.png").bytes == [9])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func etagsFollowContent(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.put(key: "one", bytes: png, contentType: "image/png", metadata: [:])
            try await store.put(key: "two", bytes: png, contentType: "image/png", metadata: [:])
            try await store.put(key: "three", bytes: [1], contentType: "image/png", metadata: [:])
            #expect(try await store.head(key: "one").etag == store.head(key: "two").etag)
            #expect(try await store.head(key: "one").etag != store.head(key: "three").etag)
        }
    }

    @Test(arguments: StoreKind.allCases, ["../escape.png", "a/../../b", "/etc/passwd", "a\u{0}b", "", "a//b", "./a", "a/"])
    func keysThatCouldEscapeAreRefused(kind: StoreKind, key: String) async throws {
        try await kind.withStore { store in
            await #expect(throws: StorageError.self) {
                try await store.put(key: key, bytes: [1], contentType: "image/png", metadata: [:])
            }
            await #expect(throws: StorageError.self) { try await store.get(key: key) }
            await #expect(throws: StorageError.self) { try await store.delete(key: key) }
        }
    }
}
