import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomSweeps
import DarkroomThreads
import DarkroomTestSupport
import DarkroomTUITesting
import Foundation
import Testing
@testable import DarkroomTUI

/// Lets the test hand the loop (used by one thread at a time) to the UI thread.
private final class MachineBox: @unchecked Sendable {
    let loop: AppLoop
    let terminal: RecordingTerminal
    init(_ loop: AppLoop, _ terminal: RecordingTerminal) {
        self.loop = loop
        self.terminal = terminal
    }
}

/// A sweep run in the app on one machine (data folder A) and shown as its grid by the app on another (a fresh
/// data folder B) against the same bucket: the local stack's folder bucket, and S3 (moto).
@Suite struct PastSweepLoopTests {
    /// The shared bucket: the store the gallery lists and where sweep records go.
    private static func withSharedBucket(_ kind: GalleryStoreKind, _ body: (any ImageStore, any SweepRecordStore) async throws -> Void) async throws {
        switch kind {
        case .directory:
            let folder = try TemporaryDirectory("past-sweep-bucket")
            defer { folder.remove() }
            let root = folder.url.appendingPathComponent("bucket")
            try await body(try DirectoryStorage(root: root), FolderSweepRecords(root: root))
        case .s3:
            let moto = try await MotoServer.start()
            defer { moto.stop() }
            let client = moto.s3Client()
            try await client.createBucket("darkroom-sweeps")
            try await body(S3Storage(bucket: "darkroom-sweeps", client: client), S3SweepRecords(bucket: "darkroom-sweeps", client: client))
        }
    }

    /// One machine: the real loop, reducer and effects, its own data folder, the shared bucket.
    private static func machine(store: any ImageStore, records: any SweepRecordStore, home: URL) -> MachineBox {
        var services = AppFixtures.localServices(store: store, folder: home)
        services.sweepRecords = records
        let terminal = RecordingTerminal(width: 200, height: 50)
        let theme = Theme(colorMode: .xterm256, unicode: true)
        let state = AppState(screen: terminal.size, theme: theme, connection: ConnectionInfo(backend: "local", location: store.location), now: Date())
        let inbox = ActionInbox()
        return MachineBox(AppLoop(screen: terminal, state: state, runner: EffectRunner(services: services, inbox: inbox, theme: theme), inbox: inbox), terminal)
    }

    @Test(arguments: GalleryStoreKind.allCases)
    func aSweepRunOnOneMachineShowsAsItsGridOnAnother(_ kind: GalleryStoreKind) async throws {
        let homes = try TemporaryDirectory("past-sweep-machines")
        defer { homes.remove() }
        try await Self.withSharedBucket(kind) { store, records in
            // Machine A runs a 2x2 sweep with seed 42 and waits for its manifest and sheet.
            let a = Self.machine(store: store, records: records, home: homes.url.appendingPathComponent("a"))
            let run: [AppAction] = [
                .refreshGallery, .edit(.insert("a windmill at dawn")), .seedGenerated(42), .focus(.parameters), .sweep(.openEditor),
                .sweep(.editorEdit(.killToLineStart)), .sweep(.editorEdit(.killToLineEnd)), .sweep(.editorEdit(.insert("cfg_scale=4,10"))),
                .sweep(.editorLine(delta: 1)), .sweep(.editorEdit(.insert("steps=20,30"))), .sweep(.runEditor),
            ]
            let ran = await BlockingWork.run { a.loop.run(initialActions: run, deadline: Date().addingTimeInterval(300)) {
                $0.message?.text.hasPrefix("Sweep sheet and manifest saved") == true
            } }
            let live = try #require(ran.sweeps.groups.first)
            let written = live.manifest(jobs: ran.jobs.queue)
            try #require(written.status == .finished && written.counts.saved == 4)
            let imageKeys = written.cells.compactMap(\.key)

            // Machine B, a fresh data folder: the past sweep is one row in the job panel.
            let b = Self.machine(store: store, records: records, home: homes.url.appendingPathComponent("b"))
            let listed = await BlockingWork.run { b.loop.run(deadline: Date().addingTimeInterval(120)) { $0.sweeps.groups.contains(where: \.isStored) } }
            let past = try #require(listed.sweeps.groups.first)
            #expect(past.isStored && past.plan.id == written.id)
            #expect(past.plan.cells.compactMap(\.key) == imageKeys)
            #expect(SweepReducer.rows(listed) == [.sweep(past.number)])

            // Enter on its row opens the labelled grid with every cell's picture.
            let shown = await BlockingWork.run {
                b.loop.run(initialActions: [.focus(.jobs), .selectJob(delta: 0), .openSelectedJob], deadline: Date().addingTimeInterval(120)) {
                    $0.sweeps.grid?.group == past.number && $0.sweeps.tiles.count == 4
                }
            }
            #expect(shown.sweeps.unavailableImages.isEmpty)
            let lines = try #require(b.terminal.lastFrame).lines
            let screen = lines.joined(separator: "\n")
            #expect(screen.contains("Sweep \(past.number) · X cfg_scale · Y steps · 4 done, 0 failed of 4 · finished \(GalleryView.dateText(try #require(written.startedAt)))"), "\(screen)")
            #expect(screen.contains("cfg_scale 4 · steps 20 · saved · seed 42 · \(imageKeys[0])"))
            #expect(lines.contains { $0.contains("20") && $0.contains("▀") }, "row labels beside pictures")
            // Every tile has its picture (the gallery above may still be listing: only the grid's lines count).
            let grid = lines.drop { !$0.contains("Sweep \(past.number) · X cfg_scale") }
            #expect(!grid.isEmpty && !grid.contains { $0.contains("loading…") })

            // r runs it again with the same seed: the same four images, byte for byte.
            let again = await BlockingWork.run {
                b.loop.run(initialActions: [.regenerate], deadline: Date().addingTimeInterval(300)) { state in
                    guard let group = state.sweeps.groups.last, !group.isStored else { return false }
                    return group.manifest(jobs: state.jobs.queue).status == .finished
                }
            }
            let rerun = try #require(again.sweeps.groups.last).manifest(jobs: again.jobs.queue)
            #expect(rerun.id != written.id && rerun.counts.saved == 4)
            for (first, second) in zip(imageKeys, rerun.cells.compactMap(\.key)) {
                #expect(try await store.get(key: first).bytes == store.get(key: second).bytes)
            }
        }
    }
}
