import DarkroomBackend
import DarkroomCore
import DarkroomThreads
import DarkroomImaging
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Performs the reducer's background effects as tasks and posts their results to the inbox as actions.
/// Nothing here touches the terminal.
public final class EffectRunner: Sendable {
    private let services: AppServices
    private let inbox: ActionInbox
    private let renderer: ThumbnailRenderer
    private let generations = Mutex<[JobID: Task<Void, Never>]>([:])
    private let persistence: HistoryWriter
    private let loader: ImageLoader
    private let gallery: GalleryLister
    private let sweeps: SweepEffectRunner
    private let searches = Mutex(SearchQueue())

    public init(services: AppServices, inbox: ActionInbox, theme: Theme) {
        self.services = services
        self.inbox = inbox
        renderer = theme.pictureRenderer
        persistence = HistoryWriter(files: services.files)
        loader = ImageLoader(store: services.store, cache: services.cache)
        gallery = GalleryLister(store: services.store, catalog: services.catalog, inbox: inbox)
        sweeps = SweepEffectRunner(services: services, inbox: inbox, theme: theme)
    }

    /// Starts the work for one effect. Effects that need the terminal are the UI loop's, not the runner's.
    public func perform(_ effect: AppEffect) {
        switch effect {
        case .startGeneration(let id, let parameters):
            startGeneration(id, parameters)
        case .cancelGeneration(let id):
            generations.withLock { $0.removeValue(forKey: id) }?.cancel()
        case .listGallery:
            Task { await self.gallery.list() }
        case .findInterruptedJobImages(let jobs):
            // Not finding them costs nothing the user does not already have (the jobs stay failed, `t` retries);
            // a store that cannot be listed is reported by the gallery's listing.
            Task {
                let finder = InterruptedJobFinder(store: self.services.store, loader: self.loader)
                if let found = try? await finder.find(jobs), !found.isEmpty { self.inbox.post(.interruptedJobsRecovered(found)) }
            }
        case .searchCatalog(let text, let offset, let limit):
            guard searches.withLock({ $0.add(SearchQueue.Request(text: text, offset: offset, limit: limit)) }) else { return }
            // Straight to a thread of its own (no task hopping through the cooperative pool): the user waits on it.
            BlockingWork.start {
                while let request = self.searches.withLock({ $0.next() }) {
                    self.gallery.search(request.text, offset: request.offset, limit: request.limit)
                }
            }
        case .fetchObject(let key):
            run {
                let object = try await self.services.store.head(key: key)
                await self.gallery.add(object)
                self.inbox.post(.galleryObjectAdded(object))
            }
        case .loadThumbnail(let object, let columns, let rows):
            Task {
                do {
                    let picture = try await self.thumbnail(object, columns: columns, rows: rows)
                    self.inbox.post(.thumbnailLoaded(key: object.key, picture))
                } catch {
                    self.inbox.post(.thumbnailFailed(key: object.key, reason: "\(error)"))
                }
            }
        case .loadMetadata(let object):
            Task {
                switch await self.gallery.metadata(of: object, loader: self.loader) {
                case .known(let metadata):
                    self.inbox.post(.metadataLoaded(key: object.key, metadata))
                case .later:
                    break
                case .failed(let reason):
                    self.inbox.post(.metadataFailed(key: object.key, reason: reason))
                case .noCatalog:
                    do {
                        self.inbox.post(.metadataLoaded(key: object.key, try await self.loader.metadata(key: object.key, etag: object.etag)))
                    } catch {
                        self.inbox.post(.metadataFailed(key: object.key, reason: "\(error)"))
                    }
                }
            }
        case .loadPreview(let object, let columns, let rows):
            Task {
                do {
                    let bytes = try await self.loader.imageBytes(key: object.key, etag: object.etag)
                    let picture = try await self.picture(of: bytes, columns: columns, rows: rows)
                    self.inbox.post(.previewLoaded(key: object.key, columns: columns, rows: rows, picture))
                } catch {
                    self.inbox.post(.previewFailed(key: object.key, reason: "\(error)"))
                }
            }
        case .saveHistory(let entries):
            let ticket = persistence.ticket()
            Task { self.report(self.persistence.saveHistory(entries, ticket: ticket)) }
        case .saveJobs(let jobs):
            let ticket = persistence.ticket()
            Task { self.report(self.persistence.saveJobs(jobs, ticket: ticket)) }
        case .download(let object):
            run {
                let bytes = try await self.loader.imageBytes(key: object.key, etag: object.etag)
                let name = String(object.key.split(separator: "/").last ?? Substring(object.key))
                let saved = try DownloadFolder(path: self.services.downloadFolder.path).save(bytes, as: name)
                self.inbox.post(.showMessage(StatusMessage(saved.description)))
            }
        case .copyPresignedURL(let key):
            guard let presign = services.presign else {
                inbox.post(.showMessage(StatusMessage("Presigned URLs need an S3 bucket; the local folder has none. Press y for the path.",
                                                      isError: true)))
                return
            }
            run { self.inbox.post(.presignedURLReady(try presign(key))) }
        case .drawRandomSeed(let range):
            inbox.post(.seedGenerated(UInt32.random(in: max(range.lowerBound, 1)...range.upperBound)))
        case .sweep(let effect):
            sweeps.perform(effect)
        case .openExternalEditor, .copyToClipboard, .suspend, .quit:
            break
        }
    }

    /// Stops the gallery's background metadata reader after its current batch (a bench's app instance that
    /// is done with, so it does not keep reading under later figures).
    public func stopGalleryWork() {
        gallery.stop()
    }

    /// Cancels every running generation (on quit).
    public func cancelAll() {
        for task in generations.withLock({ $0.values }) { task.cancel() }
    }

    /// Saves the job list and prompt history now, on the calling thread, ahead of any save still in flight: the
    /// UI loop's last act, so a quit, a hang-up or a termination keeps the running jobs (offered again, as
    /// interrupted, at the next start). Returns what could not be saved.
    public func saveNow(jobs: [GenerationJobs.Entry], history: [String]) -> [String] {
        [persistence.saveJobs(jobs, ticket: persistence.ticket()), persistence.saveHistory(history, ticket: persistence.ticket())]
            .compactMap { $0 }
    }

    private func startGeneration(_ id: JobID, _ parameters: GenerationParameters) {
        let task = Task {
            do throws(GenerationClientError) {
                let result = try await services.client.generate(parameters) { event in
                    self.inbox.post(.jobRetrying(id, reason: "attempt \(event.attempt + 1) of \(event.maxAttempts): \(event.reason)"))
                }
                self.inbox.post(.jobFinished(id, GenerationOutcome(key: result.key, seed: result.seed)))
            } catch {
                self.inbox.post(.jobFailed(id, message: error.description))
            }
            _ = self.generations.withLock { $0.removeValue(forKey: id) }
        }
        generations.withLock { $0[id] = task }
    }

    private func run(_ work: @escaping @Sendable () async throws -> Void) {
        Task {
            do {
                try await work()
            } catch {
                self.inbox.post(.showMessage(StatusMessage("\(error)", isError: true)))
            }
        }
    }

    private func report(_ failure: String?) {
        if let failure { inbox.post(.showMessage(StatusMessage(failure, isError: true))) }
    }

    /// The thumbnail object when there is one, else the full image, rendered to cells.
    private func thumbnail(_ object: StoredObject, columns: Int, rows: Int) async throws -> CellPicture {
        try await picture(of: loader.thumbnailBytes(key: object.key, etag: object.etag), columns: columns, rows: rows)
    }

    /// Decoding and rendering a full-size image takes tens of milliseconds, so it runs on the compute pool (as the
    /// handler's thumbnails do): a screenful of tiles queues there, one thread per processor, and cannot stall the
    /// other effects; a load whose task is cancelled before it starts is dropped.
    private func picture(of png: [UInt8], columns: Int, rows: Int) async throws -> CellPicture {
        let renderer = self.renderer
        return try await ThreadPool.compute.run { Result { try CellPicture(renderer.render(png: png, columns: columns, rows: rows)) } }.get()
    }
}
