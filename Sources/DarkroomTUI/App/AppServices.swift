import Foundation
import DarkroomBackend

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

    public init(client: any GenerationClient, store: any ImageStore, presign: (@Sendable (String) throws -> String)? = nil,
                cache: ImageCache, files: AppFiles, downloadFolder: URL) {
        self.client = client
        self.store = store
        self.presign = presign
        self.cache = cache
        self.files = files
        self.downloadFolder = downloadFolder
    }
}
