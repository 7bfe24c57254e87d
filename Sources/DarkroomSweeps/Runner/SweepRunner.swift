import DarkroomBackend
import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs a sweep's cells as ordinary generation requests, a few at a time, keeping its manifest current.
///
/// Cancelling the task that runs `run` starts no further cell; cells already finished keep their images, and
/// the manifest is marked cancelled.
public struct SweepRunner: Sendable {
    /// What `run` leaves behind.
    public struct Outcome: Sendable {
        public var manifest: SweepManifest
        /// The first manifest write that failed, if any (the sweep itself carried on).
        public var recordError: SweepRecordError?
    }

    public let client: any GenerationClient
    public let records: (any SweepRecordStore)?
    /// Cells generated at once (the settings' `concurrency`).
    public let concurrency: Int

    public init(client: any GenerationClient, records: (any SweepRecordStore)?, concurrency: Int) {
        self.client = client
        self.records = records
        self.concurrency = max(1, concurrency)
    }

    /// Generates every cell of `manifest` that is not saved (so a retry runs only what is missing), in order,
    /// reporting each change with the manifest and the cell's index.
    public func run(
        _ manifest: SweepManifest, only: Set<Int>? = nil,
        onChange: @escaping @Sendable (SweepManifest, Int) -> Void = { _, _ in }
    ) async -> Outcome {
        var start = manifest
        start.status = .running
        let todo = start.cells.indices.filter { start.cells[$0].status != .saved && (only?.contains($0) ?? true) }
        for index in todo {
            start.cells[index].status = .pending
            start.cells[index].error = nil
        }
        let book = ManifestBook(manifest: start, records: records)
        await book.drain()

        await withTaskGroup(of: Void.self) { group in
            var next = todo.makeIterator()
            var running = 0
            func launch() async -> Bool {
                guard !Task.isCancelled, let index = next.next() else { return false }
                let parameters = start.cells[index].parameters
                let changed = await book.update { $0.cells[index].status = .running }
                onChange(changed, index)
                group.addTask { [client] in
                    let outcome: Result<GenerationResult, GenerationClientError>
                    do throws(GenerationClientError) {
                        outcome = .success(try await client.generate(parameters, onRetry: nil))
                    } catch {
                        outcome = .failure(error)
                    }
                    let cancelled = Task.isCancelled
                    let updated = await book.update { manifest in
                        switch outcome {
                        case .success(let result):
                            manifest.cells[index].status = .saved
                            manifest.cells[index].key = result.key
                            manifest.cells[index].parameters.seed = result.seed
                            manifest.cells[index].engine = result.engine
                        case .failure(let error):
                            manifest.cells[index].status = cancelled ? .cancelled : .failed
                            manifest.cells[index].error = cancelled ? nil : error.description
                        }
                    }
                    onChange(updated, index)
                }
                return true
            }
            while running < concurrency, await launch() { running += 1 }
            while await group.next() != nil {
                running -= 1
                if await launch() { running += 1 }
            }
        }

        let cancelled = Task.isCancelled
        let final = await book.update { manifest in
            if cancelled {
                for index in manifest.cells.indices where manifest.cells[index].status == .pending {
                    manifest.cells[index].status = .cancelled
                }
            }
            manifest.status = cancelled ? .cancelled : .finished
        }
        await book.drain()
        return Outcome(manifest: final, recordError: await book.firstError)
    }
}

/// The manifest being run, written after each change; writes never overlap and the last state always lands.
actor ManifestBook {
    private(set) var manifest: SweepManifest
    private let records: (any SweepRecordStore)?
    private var dirty = true
    private var writing = false
    private(set) var firstError: SweepRecordError?

    init(manifest: SweepManifest, records: (any SweepRecordStore)?) {
        self.manifest = manifest
        self.records = records
    }

    /// Applies `change`, schedules a write, and returns the new manifest.
    func update(_ change: (inout SweepManifest) -> Void) async -> SweepManifest {
        change(&manifest)
        dirty = true
        let snapshot = manifest
        Task { await self.flush() }
        return snapshot
    }

    /// Writes the manifest if it changed since the last write (one write at a time).
    func flush() async {
        guard !writing, let records else { return }
        writing = true
        while dirty {
            dirty = false
            do {
                try await records.write(key: manifest.key, bytes: manifest.encoded(), contentType: "application/json")
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        writing = false
    }

    /// Waits until the latest state is written.
    func drain() async {
        while writing || (dirty && records != nil) {
            // A fresh task: the final write must land even when the sweep was cancelled.
            if !writing { await Task { await self.flush() }.value } else { await Task.yield() }
        }
    }
}
