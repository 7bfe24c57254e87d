import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomImaging
import DarkroomSweeps
import DarkroomTestSupport
import Foundation
import Synchronization
import Testing

@Suite struct SweepRunnerTests {
    static func plan() throws -> SweepPlan {
        try SweepPlan.make(base: GenerationParameters(prompt: "a lighthouse at dusk", seed: 42),
                           axes: [try .parse("cfg_scale=4,7,10"), try .parse("steps=20,30")])
    }

    @Test func aThreeByTwoSweepStoresSixImagesWithTheSameSeedAndItsAxisValues() async throws {
        let folder = try TemporaryDirectory("sweep-run")
        defer { folder.remove() }
        let store = try DirectoryStorage(root: folder.url)
        let records = FolderSweepRecords(root: folder.url)
        let manifest = SweepManifest(plan: try Self.plan(), id: "20261130T060000Z-42-00000001")
        let changes = Mutex(0)
        let outcome = await SweepRunner(client: LocalGenerationClient(store: store), records: records, concurrency: 2)
            .run(manifest) { _, _ in changes.withLock { $0 += 1 } }

        #expect(outcome.recordError == nil)
        #expect(outcome.manifest.status == .finished)
        #expect(outcome.manifest.cells.allSatisfy { $0.status == .saved && $0.key != nil })
        #expect(changes.withLock { $0 } == 12)  // running, then saved, for each cell

        let expected: [(Double, Int)] = [(4, 20), (7, 20), (10, 20), (4, 30), (7, 30), (10, 30)]
        for (cell, (cfg, steps)) in zip(outcome.manifest.cells, expected) {
            let key = try #require(cell.key)
            let stored = try await store.get(key: key)
            let json = try #require(try PNG.textChunks(in: stored.bytes).first { $0.keyword == ImageMetadata.jsonKeyword })
            let metadata = try #require(ImageMetadata.parse(json: json.text))
            #expect(metadata.parameters.seed == 42)
            #expect(metadata.parameters.cfgScale == cfg && metadata.parameters.steps == steps)
            #expect(cell.values == [SweepValue.cfgScale(cfg).label, String(steps)])
        }

        // The manifest in output-sweeps/ lists them all.
        let written = try await records.read(key: manifest.key)
        let reread = try #require(SweepManifest.decode(written))
        #expect(reread == outcome.manifest)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("output-sweeps/\(manifest.id).json").path))

        // The sheet made from the stored images decodes.
        let sheetBytes = try await SweepSheetMaker.make(manifest: outcome.manifest, store: store,
                                                        sheet: ContactSheet(tile: 64, fonts: try FontFace.systemFonts()))
        let sheet = try PNG.decode(sheetBytes)
        #expect(sheet.width > 3 * 64 && sheet.height > 2 * 64)
    }

    @Test func cancellingHalfWayKeepsTheFinishedCells() async throws {
        let folder = try TemporaryDirectory("sweep-cancel")
        defer { folder.remove() }
        let store = try DirectoryStorage(root: folder.url)
        let records = FolderSweepRecords(root: folder.url)
        let manifest = SweepManifest(plan: try Self.plan(), id: "20261130T060000Z-42-00000002")
        let client = CountingClient(inner: LocalGenerationClient(store: store))
        let runner = SweepRunner(client: client, records: records, concurrency: 1)
        let task = Task { await runner.run(manifest) }
        client.afterCall(3) { task.cancel() }
        let outcome = await task.value

        #expect(outcome.manifest.status == .cancelled)
        #expect(outcome.manifest.cells.prefix(3).allSatisfy { $0.status == .saved })
        #expect(outcome.manifest.cells.suffix(3).allSatisfy { $0.status == .cancelled && $0.key == nil })
        #expect(client.calls == 3)
        let listed = try await store.listAll(prefix: ObjectNaming.imagePrefix)
        #expect(listed.count == 3)
        let reread = try #require(SweepManifest.decode(try await records.read(key: manifest.key)))
        #expect(reread.status == .cancelled)
        #expect(reread.cells.compactMap(\.key) == outcome.manifest.cells.compactMap(\.key))

        // Running it again generates only the missing cells.
        let resumed = await SweepRunner(client: client, records: records, concurrency: 2).run(outcome.manifest)
        #expect(resumed.manifest.status == .finished)
        #expect(client.calls == 6)
        #expect(resumed.manifest.cells.prefix(3).map(\.key) == outcome.manifest.cells.prefix(3).map(\.key))
    }

    @Test func failedCellsSayWhyAndTheRestCarryOn() async throws {
        let folder = try TemporaryDirectory("sweep-fail")
        defer { folder.remove() }
        let store = try DirectoryStorage(root: folder.url)
        // The local preview engine refuses prompts with a blocked word, as a content filter would.
        let plan = try SweepPlan.make(base: GenerationParameters(prompt: "a lighthouse", seed: 3), axes: [try .parse("S/R lighthouse,nsfw,barn")])
        let manifest = SweepManifest(plan: plan, id: "20261130T060000Z-3-00000003")
        let outcome = await SweepRunner(client: LocalGenerationClient(store: store), records: nil, concurrency: 2).run(manifest)
        #expect(outcome.manifest.status == .finished)
        #expect(outcome.manifest.cells.map(\.status) == [.saved, .failed, .saved])
        #expect(outcome.manifest.cells[1].error?.isEmpty == false)
    }
}

/// Passes calls through and runs an action once a given number of calls has finished.
final class CountingClient: GenerationClient, @unchecked Sendable {
    private let inner: any GenerationClient
    private let state = Mutex<(calls: Int, trigger: Int, action: (@Sendable () -> Void)?)>((0, 0, nil))

    init(inner: any GenerationClient) {
        self.inner = inner
    }

    var calls: Int { state.withLock { $0.calls } }

    func afterCall(_ count: Int, _ action: @escaping @Sendable () -> Void) {
        state.withLock { $0.trigger = count; $0.action = action }
    }

    func generate(_ parameters: GenerationParameters, onRetry: (@Sendable (RetryEvent) -> Void)?) async throws(GenerationClientError) -> GenerationResult {
        // Wait until the test has registered its action, so the count cannot run past it.
        while state.withLock({ $0.action == nil }) { await Task.yield() }
        let result = try await inner.generate(parameters, onRetry: onRetry)
        let action = state.withLock { state -> (@Sendable () -> Void)? in
            state.calls += 1
            return state.calls == state.trigger ? state.action : nil
        }
        action?()
        return result
    }
}
