import DarkroomBackend
import DarkroomCore
import DarkroomThreads
import DarkroomImaging
import Foundation
import Synchronization

/// Performs the reducer's background effects as tasks and posts their results to the inbox as actions.
/// Nothing here touches the terminal.
public final class EffectRunner: Sendable {
    private let services: AppServices
    private let inbox: ActionInbox
    private let renderer: ThumbnailRenderer
    private let generations = Mutex<[JobID: Task<Void, Never>]>([:])
    private let persistence: Persistence
    /// Bytes of an image head read for its metadata chunks (they sit before the image data).
    static let metadataHeadBytes = 65_536

    public init(services: AppServices, inbox: ActionInbox, theme: Theme) {
        self.services = services
        self.inbox = inbox
        renderer = ThumbnailRenderer(symbols: theme.unicode ? .half : .ascii, colors: theme.colorMode)
        persistence = Persistence(folders: services.folders)
    }

    /// Starts the work for one effect. Effects that need the terminal are the UI loop's, not the runner's.
    public func perform(_ effect: AppEffect) {
        switch effect {
        case .startGeneration(let id, let parameters):
            startGeneration(id, parameters)
        case .cancelGeneration(let id):
            generations.withLock { $0.removeValue(forKey: id) }?.cancel()
        case .listGallery:
            Task { await self.listGallery() }
        case .fetchObject(let key):
            run {
                let object = try await self.services.store.head(key: key)
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
                let metadata = try? await self.metadata(of: object)
                self.inbox.post(.metadataLoaded(key: object.key, metadata))
            }
        case .loadPreview(let object, let columns, let rows):
            Task {
                do {
                    let bytes = try await self.imageBytes(object)
                    let picture = try await self.picture(of: bytes, columns: columns, rows: rows)
                    self.inbox.post(.previewLoaded(key: object.key, columns: columns, rows: rows, picture))
                } catch {
                    self.inbox.post(.previewFailed(key: object.key, reason: "\(error)"))
                }
            }
        case .saveHistory(let entries):
            Task { await self.report(self.persistence.saveHistory(entries)) }
        case .saveJobs(let jobs):
            Task { await self.report(self.persistence.saveJobs(jobs)) }
        case .download(let object):
            run {
                let bytes = try await self.imageBytes(object)
                let name = String(object.key.split(separator: "/").last ?? Substring(object.key))
                let target = self.services.downloadFolder.appendingPathComponent(name)
                try Data(bytes).write(to: target, options: .withoutOverwriting)
                self.inbox.post(.showMessage(StatusMessage("Saved \(target.path).")))
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
        case .openExternalEditor, .copyToClipboard, .suspend, .quit:
            break
        }
    }

    /// Cancels every running generation (on quit).
    public func cancelAll() {
        for task in generations.withLock({ $0.values }) { task.cancel() }
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

    private func listGallery() async {
        var token: String?
        var isFirst = true
        do throws(StorageError) {
            repeat {
                let page = try await services.store.list(prefix: ObjectNaming.imagePrefix, continuationToken: token, maxKeys: 1000)
                token = page.nextContinuationToken
                let images = page.objects.filter { $0.key.lowercased().hasSuffix(".png") }
                inbox.post(.galleryPageLoaded(images, isFirstPage: isFirst, isLastPage: token == nil))
                isFirst = false
            } while token != nil
        } catch {
            inbox.post(.galleryListingFailed(error.description))
        }
    }

    /// The whole image, from the disk cache when its ETag is known there.
    private func imageBytes(_ object: StoredObject) async throws -> [UInt8] {
        if let cached = services.cache.bytes(variant: "image", etag: object.etag) { return cached }
        let bytes = try await services.store.get(key: object.key, range: nil).bytes
        services.cache.store(bytes, variant: "image", etag: object.etag)
        return bytes
    }

    /// The thumbnail object when there is one, else the full image, rendered to cells.
    private func thumbnail(_ object: StoredObject, columns: Int, rows: Int) async throws -> CellPicture {
        let bytes: [UInt8]
        if let cached = services.cache.bytes(variant: "thumbnail", etag: object.etag) {
            bytes = cached
        } else if let thumbnailKey = ObjectNaming.thumbnailKey(forImageKey: object.key),
                  let thumbnail = try? await services.store.get(key: thumbnailKey, range: nil).bytes {
            services.cache.store(thumbnail, variant: "thumbnail", etag: object.etag)
            bytes = thumbnail
        } else {
            bytes = try await imageBytes(object)
        }
        return try await picture(of: bytes, columns: columns, rows: rows)
    }

    /// Decoding and rendering a full-size image takes tens of milliseconds, so it runs off the cooperative pool
    /// (as the handler's thumbnails do) and a screenful of tiles cannot stall the other effects.
    private func picture(of png: [UInt8], columns: Int, rows: Int) async throws -> CellPicture {
        let renderer = self.renderer
        return try await BlockingWork.run { Result { try CellPicture(renderer.render(png: png, columns: columns, rows: rows)) } }.get()
    }

    /// The generation record from the image's text chunks: darkroom's JSON, else the A1111 parameters text.
    private func metadata(of object: StoredObject) async throws -> ImageMetadata? {
        let head: [UInt8]
        if let cached = services.cache.bytes(variant: "image", etag: object.etag) ?? services.cache.bytes(variant: "head", etag: object.etag) {
            head = cached
        } else {
            head = try await services.store.get(key: object.key, range: 0...(Self.metadataHeadBytes - 1)).bytes
            // A filter's search reads thousands of heads; the next search should not fetch them again.
            services.cache.store(head, variant: "head", etag: object.etag)
        }
        let chunks = try PNG.textChunks(in: head)
        if let json = chunks.first(where: { $0.keyword == ImageMetadata.jsonKeyword }), let metadata = ImageMetadata.parse(json: json.text) {
            return metadata
        }
        return chunks.first { $0.keyword == ImageMetadata.parametersKeyword }.flatMap { ImageMetadata.parse(parametersText: $0.text) }
    }
}

/// Writes history files one at a time, so an older save never lands after a newer one.
private actor Persistence {
    let folders: DataFolders

    init(folders: DataFolders) {
        self.folders = folders
    }

    func saveHistory(_ entries: [String]) -> String? {
        do {
            try folders.historyFile.save(entries)
            return nil
        } catch {
            return "Could not save the prompt history in \(folders.data.path): \(error.localizedDescription)"
        }
    }

    func saveJobs(_ jobs: [GenerationJobs.Entry]) -> String? {
        do {
            try folders.jobsFile.save(jobs)
            return nil
        } catch {
            return "Could not save the job history in \(folders.data.path): \(error.localizedDescription)"
        }
    }
}

extension CellPicture {
    /// A rendered thumbnail's cells in the screen's vocabulary.
    public init(_ grid: CellGrid) {
        self.init(columns: grid.columns, rows: grid.rows, cells: grid.cells.map {
            ScreenCell(glyph: $0.glyph, style: Style(foreground: $0.foreground, background: $0.background))
        })
    }
}
