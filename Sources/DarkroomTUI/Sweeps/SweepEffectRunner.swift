import DarkroomBackend
import DarkroomCore
import DarkroomImaging
import DarkroomSweeps
import DarkroomThreads
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Performs sweep effects: manifests and sheets to `output-sweeps/` (or the local data folder when the bucket
/// refuses them), and cell pictures for the grid.
final class SweepEffectRunner: Sendable {
    private let services: AppServices
    private let inbox: ActionInbox
    private let renderer: ThumbnailRenderer
    private let loader: ImageLoader
    /// Where records go now: the bucket's until it refuses, then the local data folder's.
    private let records: Mutex<any SweepRecordStore>
    private let fallback: FolderSweepRecords
    /// Manifest writes run one at a time, in order, so an older state never lands after a newer one.
    private let writer = SerialRecordWriter()

    init(services: AppServices, inbox: ActionInbox, theme: Theme) {
        self.services = services
        self.inbox = inbox
        renderer = theme.pictureRenderer
        loader = ImageLoader(store: services.store, cache: services.cache)
        fallback = FolderSweepRecords(root: services.files.folder)
        records = Mutex(services.sweepRecords ?? FolderSweepRecords(root: services.files.folder))
    }

    func perform(_ effect: SweepEffect) {
        switch effect {
        case .writeManifest(let manifest):
            Task { await self.writer.run { await self.write(key: manifest.key, bytes: manifest.encoded(), contentType: "application/json") } }
        case .writeSheet(let manifest):
            Task { await self.writer.run { await self.writeSheet(manifest) } }
        case .loadTile(let key, let tileKey, let columns, let rows, let listed):
            Task {
                do {
                    let (picture, image) = try await self.tile(key: key, columns: columns, rows: rows, listed: listed)
                    self.inbox.post(.sweep(.tileLoaded(tileKey: tileKey, picture, image: image)))
                } catch {
                    let missing = if case StorageError.notFound = error { true } else { false }
                    self.inbox.post(.sweep(.tileFailed(tileKey: tileKey, imageKey: key, missing: missing)))
                }
            }
        case .listPastSweeps:
            Task {
                // The bucket first, through the gallery's store; then the data folder, where manifests were kept
                // when the bucket refused them.
                let sources: [any SweepManifestSource] = [BucketSweepManifests(store: self.services.store), self.fallback]
                let listing = await SweepLibrary.load(from: sources, cache: self.services.cache)
                self.inbox.post(.sweep(.pastSweepsLoaded(listing.found, problems: listing.problems, complete: listing.complete)))
            }
        }
    }

    /// Writes to the current store; on refusal switches to the local data folder once and says where.
    @discardableResult
    private func write(key: String, bytes: [UInt8], contentType: String) async -> Bool {
        let store = records.withLock { $0 }
        do {
            try await store.write(key: key, bytes: bytes, contentType: contentType)
            return true
        } catch {
            guard store.location != fallback.location else {
                inbox.post(.sweep(.recordsFailed("Could not keep the sweep record: \(error)")))
                return false
            }
            records.withLock { $0 = fallback }
            inbox.post(.sweep(.recordsFailed("Cannot write \(store.location) (\(error)); sweep manifests and sheets are kept in \(fallback.location).")))
            return await write(key: key, bytes: bytes, contentType: contentType)
        }
    }

    private func writeSheet(_ manifest: SweepManifest) async {
        do {
            let sheet = ContactSheet(fonts: try FontFace.systemFonts())
            let bytes = try await SweepSheetMaker.make(manifest: manifest, store: services.store, sheet: sheet)
            var finished = manifest
            finished.sheetKey = manifest.defaultSheetKey
            guard await write(key: manifest.defaultSheetKey, bytes: bytes, contentType: "image/png"),
                  await write(key: finished.key, bytes: finished.encoded(), contentType: "application/json") else { return }
            inbox.post(.sweep(.recordsWritten(manifestKey: finished.key, location: records.withLock { $0.location })))
        } catch {
            inbox.post(.sweep(.recordsFailed("No contact sheet for sweep \(manifest.id): \(error)")))
        }
    }

    /// The cell's picture from its thumbnail (else the image), and the image with its ETag. The manifest names only
    /// the key: the ETag comes from the gallery's listing when it holds the image, else from the bucket (a HEAD), and
    /// keys the bytes in the disk cache, so the grid's pixels (and the next launch) read them from there.
    private func tile(key: String, columns: Int, rows: Int, listed: StoredObject?) async throws -> (CellPicture, StoredObject) {
        let image: StoredObject
        if let listed { image = listed } else { image = try await services.store.head(key: key) }
        let png = try await loader.thumbnailBytes(key: key, etag: image.etag)
        let renderer = self.renderer
        let picture = try await ThreadPool.compute.run { Result { try CellPicture(renderer.render(png: png, columns: columns, rows: rows)) } }.get()
        return (picture, image)
    }
}

/// Runs async jobs one after another, in the order they were handed over.
private actor SerialRecordWriter {
    private var tail: Task<Void, Never>?

    func run(_ work: @escaping @Sendable () async -> Void) async {
        let previous = tail
        let next = Task {
            await previous?.value
            await work()
        }
        tail = next
        await next.value
    }
}
