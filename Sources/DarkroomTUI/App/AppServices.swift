#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DarkroomBackend
import DarkroomCatalog
import DarkroomSweeps

/// What the app's effects talk to: the generation backend, the image store the gallery lists, and local files.
public struct AppServices: Sendable {
    public let client: any GenerationClient
    public let store: any ImageStore
    /// Makes a presigned GET URL for a key (S3 stores only).
    public let presign: (@Sendable (String) throws -> String)?
    public let cache: ImageCache
    public let files: AppFiles
    /// Where `d` saves images.
    public let downloadFolder: URL
    /// The gallery's catalog of this store (nil: list and filter in memory only).
    public let catalog: Catalog?
    /// Where sweep manifests and sheets go (`output-sweeps/` in the bucket); nil: the local data folder.
    public var sweepRecords: (any SweepRecordStore)?

    public init(client: any GenerationClient, store: any ImageStore, presign: (@Sendable (String) throws -> String)? = nil,
                cache: ImageCache, files: AppFiles, downloadFolder: URL, catalog: Catalog? = nil) {
        self.client = client
        self.store = store
        self.presign = presign
        self.cache = cache
        self.files = files
        self.downloadFolder = downloadFolder
        self.catalog = catalog
    }
}
