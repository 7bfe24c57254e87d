import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomSweeps
import DarkroomTestSupport
import Foundation
import Synchronization
import Testing

/// Past sweeps read back from `output-sweeps/`: the bucket's through the gallery's store, the data folder's
/// fallback, and manifests that are not what they claim.
@Suite struct SweepLibraryTests {
    static func manifest(id: String, saved: Bool = true) throws -> SweepManifest {
        let plan = try SweepPlan.make(base: GenerationParameters(prompt: "a windmill", seed: 7),
                                      axes: [try .parse("cfg_scale=4,7"), try .parse("steps=20,30")])
        var manifest = SweepManifest(plan: plan, id: id)
        for index in manifest.cells.indices where saved {
            manifest.cells[index].status = .saved
            manifest.cells[index].key = "output-images/20261129T00000\(index)Z-7-0000000\(index).png"
        }
        manifest.status = .finished
        return manifest
    }

    @Test(arguments: GalleryStoreKind.allCases)
    func manifestsAreReadNewestFirstFromBucketThenDataFolderAndHostileOnesAreSkipped(_ kind: GalleryStoreKind) async throws {
        let data = try TemporaryDirectory("sweep-library-data")
        defer { data.remove() }
        try await kind.withStore { store in
            let old = try Self.manifest(id: "20261101T000000Z-7-00000001")
            let new = try Self.manifest(id: "20261128T000000Z-7-00000002", saved: false)
            for manifest in [old, new] {
                try await store.put(key: manifest.key, bytes: manifest.encoded(), contentType: "application/json", metadata: [:])
            }
            // Hostile or broken: not JSON, an empty object, another format version, a cell outside the axes,
            // a key that does not match the id, and one larger than a manifest may be.
            var future = try Self.manifest(id: "20261102T000000Z-7-00000003")
            future.version = 99
            var outside = try Self.manifest(id: "20261103T000000Z-7-00000004")
            outside.cells[3].x = 5
            let renamed = try Self.manifest(id: "20261104T000000Z-7-00000005")
            let hostile: [(String, [UInt8])] = [
                ("output-sweeps/20261105T000000Z-7-garbage.json", Array("{\"version\": 1, \"cells\": [".utf8)),
                ("output-sweeps/20261106T000000Z-7-empty.json", []),
                (future.key, future.encoded()),
                (outside.key, outside.encoded()),
                ("output-sweeps/20261107T000000Z-7-renamed.json", renamed.encoded()),
                ("output-sweeps/20261108T000000Z-7-large.json", Array(repeating: UInt8(ascii: " "), count: 70_000)),
                // Not a manifest at all: a contact sheet beside them is not read.
                ("output-sweeps/20261101T000000Z-7-00000001.png", [0x89, 0x50]),
            ]
            for (key, bytes) in hostile {
                try await store.put(key: key, bytes: bytes, contentType: "application/json", metadata: [:])
            }
            // The data folder keeps one of its own, and a copy of one the bucket has (the bucket's wins).
            let local = FolderSweepRecords(root: data.url)
            let kept = try Self.manifest(id: "20261127T000000Z-7-00000006")
            try await local.write(key: kept.key, bytes: kept.encoded(), contentType: "application/json")
            var stale = new
            stale.caption = "a stale copy"
            try await local.write(key: stale.key, bytes: stale.encoded(), contentType: "application/json")

            let listing = await SweepLibrary.load(from: [BucketSweepManifests(store: store), local], maxBytes: 65_536)
            #expect(listing.found.map(\.manifest.id) == [new.id, kept.id, old.id])
            #expect(listing.found.map(\.manifest) == [new, kept, old])
            #expect(listing.found.map(\.location) == [BucketSweepManifests(store: store).location, local.location, BucketSweepManifests(store: store).location])
            #expect(listing.complete)
            let problems = listing.problems.map(\.description)
            #expect(problems.count == 6, "\(problems)")
            #expect(problems.allSatisfy { $0.hasPrefix("The sweep record output-sweeps/") && $0.contains(" is skipped: ") })
            #expect(problems.contains { $0.contains("garbage.json is skipped: it is not a sweep manifest") })
            #expect(problems.contains { $0.contains("empty.json is skipped: it is") })
            #expect(problems.contains { $0.contains("format version 99") })
            #expect(problems.contains { $0.contains("cell 4 is at 5,1,0, outside its axes") })
            #expect(problems.contains { $0.contains("renamed.json is skipped: its id `\(renamed.id)` does not match its name") })
            #expect(problems.contains { $0.contains("large.json is skipped: it is larger than a manifest's 65536 bytes") })
        }
    }

    @Test(arguments: GalleryStoreKind.allCases)
    func anUnchangedManifestIsReadFromTheBucketOnce(_ kind: GalleryStoreKind) async throws {
        try await kind.withStore { inner in
            let store = CountingStore(inner: inner)
            let first = try Self.manifest(id: "20261101T000000Z-7-00000001")
            var second = try Self.manifest(id: "20261102T000000Z-7-00000002")
            for manifest in [first, second] {
                try await store.put(key: manifest.key, bytes: manifest.encoded(), contentType: "application/json", metadata: [:])
            }
            let cache = MemoryManifestCache()
            let sources = [BucketSweepManifests(store: store)]

            let cold = await SweepLibrary.load(from: sources, cache: cache)
            #expect(cold.found.map(\.manifest) == [second, first])
            #expect(store.rangedGetRequests == 2)
            let warm = await SweepLibrary.load(from: sources, cache: cache)
            #expect(warm.found.map(\.manifest) == [second, first])
            #expect(store.rangedGetRequests == 2, "an unchanged manifest was read again")

            // A rewritten manifest has a new ETag and is read again; the other still comes from the cache.
            second.caption = "rewritten"
            try await store.delete(key: second.key)
            try await store.put(key: second.key, bytes: second.encoded(), contentType: "application/json", metadata: [:])
            let changed = await SweepLibrary.load(from: sources, cache: cache)
            #expect(changed.found.map(\.manifest) == [second, first])
            #expect(store.rangedGetRequests == 3)

            // A cached copy that no longer holds together is not believed: the bucket's is read instead.
            cache.overwriteAll(with: Array("{\"version\": 1, \"cells\": [".utf8))
            let repaired = await SweepLibrary.load(from: sources, cache: cache)
            #expect(repaired.found.map(\.manifest) == [second, first])
            #expect(repaired.problems.isEmpty)
            #expect(store.rangedGetRequests == 5)
        }
    }

    @Test func aBucketThatCannotBeListedIsAProblemAndTheDataFolderIsStillRead() async throws {
        let data = try TemporaryDirectory("sweep-library-refused")
        defer { data.remove() }
        let local = FolderSweepRecords(root: data.url)
        let kept = try Self.manifest(id: "20261127T000000Z-7-00000006")
        try await local.write(key: kept.key, bytes: kept.encoded(), contentType: "application/json")
        let listing = await SweepLibrary.load(from: [BucketSweepManifests(store: RefusingStore()), local])
        #expect(listing.found.map(\.manifest) == [kept])
        #expect(!listing.complete)
        #expect(listing.problems.map(\.description) == [
            "Access to the sweep records in refused://bucket/output-sweeps/ was refused (AccessDenied); allow s3:PutObject, s3:GetObject and listing on output-sweeps/*, or let darkroom keep them in the local data folder.",
        ])
    }

    /// The app leaves a missing bucket to the gallery, so the records must say it is that and not another failure.
    @Test func aMissingBucketIsNamedAsSuchByListingAndRecords() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let client = moto.s3Client()
        let listing = await SweepLibrary.load(from: [BucketSweepManifests(store: S3Storage(bucket: "no-such-bucket", client: client))])
        #expect(listing.problems == [.noSuchBucket("no-such-bucket")])
        #expect(!listing.complete)
        #expect(listing.problems.first?.description == "The bucket 'no-such-bucket' does not exist; check the bucket name and region.")
        let records = S3SweepRecords(bucket: "no-such-bucket", client: client)
        await #expect(throws: SweepRecordError.noSuchBucket("no-such-bucket")) { try await records.read(key: "output-sweeps/x.json") }
        await #expect(throws: SweepRecordError.noSuchBucket("no-such-bucket")) {
            try await records.write(key: "output-sweeps/x.json", bytes: [], contentType: "application/json")
        }
    }

    @Test func inconsistentManifestsNameWhatIsWrong() throws {
        let good = try Self.manifest(id: "20261127T000000Z-7-00000006")
        #expect(good.inconsistency(key: good.key) == nil)
        var noAxes = good
        noAxes.axes = []
        #expect(noAxes.inconsistency(key: good.key) == "0 axes, a sweep has one to three")
        var fewer = good
        fewer.cells.removeLast()
        #expect(fewer.inconsistency(key: good.key) == "3 cells where its axes make 4")
        var twice = good
        twice.cells[1].x = 0
        #expect(twice.inconsistency(key: good.key) == "two cells at 0,0,0")
        var escaping = good
        escaping.cells[0].key = "../../etc/passwd"
        #expect(escaping.inconsistency(key: good.key) == "cell 1 names an image key no bucket holds")
        var keyless = good
        keyless.cells[2].key = nil
        #expect(keyless.inconsistency(key: good.key) == "cell 3 is saved without an image key")
        var values = good
        values.cells[0].values = ["4"]
        #expect(values.inconsistency(key: good.key) == "cell 1 has 1 values for 2 axes")
        var huge = good
        huge.axes = [.init(name: "seed", values: Array(repeating: "1", count: 100_000)), .init(name: "steps", values: Array(repeating: "1", count: 100_000))]
        #expect(huge.inconsistency(key: good.key) == "10000000000 cells, more than 10000")
    }
}

/// A bucket whose every request is refused, as one without s3:ListBucket on `output-sweeps/` answers.
private struct RefusingStore: ImageStore {
    func list(prefix: String, continuationToken: String?, maxKeys: Int) async throws(StorageError) -> StoragePage { throw .accessDenied("AccessDenied") }
    func get(key: String, range: ClosedRange<Int>?) async throws(StorageError) -> StoredObjectData { throw .accessDenied("AccessDenied") }
    func head(key: String) async throws(StorageError) -> StoredObject { throw .accessDenied("AccessDenied") }
    func put(key: String, bytes: [UInt8], contentType: String, metadata: [String: String]) async throws(StorageError) { throw .accessDenied("AccessDenied") }
    func delete(key: String) async throws(StorageError) { throw .accessDenied("AccessDenied") }
    var bucket: String { "bucket" }
    var location: String { "refused://bucket" }
}

/// Manifest bytes by ETag in memory, standing in for the app's cache folder.
private final class MemoryManifestCache: SweepManifestCache {
    private let entries = Mutex<[String: [UInt8]]>([:])

    func manifestBytes(etag: String) -> [UInt8]? { entries.withLock { $0[etag] } }
    func storeManifest(_ bytes: [UInt8], etag: String) { entries.withLock { $0[etag] = bytes } }
    func overwriteAll(with bytes: [UInt8]) {
        entries.withLock { entries in
            for etag in entries.keys { entries[etag] = bytes }
        }
    }
}

/// A record store's failure reads as one sentence, whatever the detail ends with.
@Suite struct SweepRecordErrorTests {
    @Test(arguments: ["Could not connect to 127.0.0.1:1; check the endpoint.", "Could not connect to 127.0.0.1:1; check the endpoint"])
    func aDetailThatIsASentenceEndsWithOneFullStop(detail: String) {
        #expect(SweepRecordError.failed(location: "s3://b/output-sweeps/", detail: detail).description
            == "The sweep record at s3://b/output-sweeps/ could not be written or read: Could not connect to 127.0.0.1:1; check the endpoint.")
    }
}
