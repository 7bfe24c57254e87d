import Testing
import Foundation
import DarkroomBackend
import DarkroomTestSupport

/// What only the folder store promises: plain files laid out like the bucket, nothing else visible.
@Suite struct DirectoryStorageTests {
    @Test func objectsArePlainFilesAtTheirKeysAndNoTemporariesRemain() async throws {
        let folder = try TemporaryDirectory("darkroom-dir")
        defer { folder.remove() }
        let root = folder.url.appendingPathComponent("bucket")
        let store = try DirectoryStorage(root: root)
        try await store.put(key: "output-images/a.png", bytes: [1, 2, 3], contentType: "image/png", metadata: ["k": "v"])
        let file = root.appendingPathComponent("output-images/a.png")
        #expect([UInt8](try Data(contentsOf: file)) == [1, 2, 3])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(".darkroom/tmp").path)
        #expect(leftovers.isEmpty)
        #expect(try await store.listAll(prefix: "").map(\.key) == ["output-images/a.png"])
        #expect(store.bucket == "bucket")
        #expect(store.location == root.path)
    }

    @Test func filesDroppedInByHandAreListedAndReadable() async throws {
        let folder = try TemporaryDirectory("darkroom-dir")
        defer { folder.remove() }
        let store = try DirectoryStorage(root: folder.url)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("output-images"), withIntermediateDirectories: true)
        try Data([7, 7]).write(to: folder.url.appendingPathComponent("output-images/120000.png"))
        let object = try await store.get(key: "output-images/120000.png")
        #expect(object.bytes == [7, 7])
        #expect(object.contentType == "image/png")
        #expect(!object.object.etag.isEmpty)
    }

    @Test func theStoresOwnFolderIsNotAKey() async throws {
        let folder = try TemporaryDirectory("darkroom-dir")
        defer { folder.remove() }
        let store = try DirectoryStorage(root: folder.url)
        await #expect(throws: StorageError.self) {
            try await store.put(key: ".darkroom/meta/x.json", bytes: [1], contentType: "application/json", metadata: [:])
        }
    }

    @Test func foreignContinuationTokensAndEscapingPrefixesAreRefused() async throws {
        let folder = try TemporaryDirectory("darkroom-dir")
        defer { folder.remove() }
        let store = try DirectoryStorage(root: folder.url)
        await #expect(throws: StorageError.invalidContinuationToken) {
            try await store.list(prefix: "", continuationToken: "bm90IG91cnM=", maxKeys: 10)
        }
        await #expect(throws: StorageError.self) {
            try await store.list(prefix: "../", continuationToken: nil, maxKeys: 10)
        }
    }
}
