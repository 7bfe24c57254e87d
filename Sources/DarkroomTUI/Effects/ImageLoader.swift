import DarkroomBackend
import DarkroomCore
import DarkroomImaging

/// The cache policy for image bytes: what the disk cache (keyed by ETag) answers and what is fetched from the
/// store and then kept. Whole images, thumbnails and metadata heads are cached separately. An image is named by
/// its key (for the store) and its ETag (for the cache): all a listing's `StoredObject` or a `WantedImage` needs to give.
struct ImageLoader: Sendable {
    let store: any ImageStore
    let cache: ImageCache

    /// Bytes of an image head read for its metadata chunks (they sit before the image data).
    static let metadataHeadBytes = 65_536

    /// The whole image, from the disk cache when its ETag is known there.
    func imageBytes(key: String, etag: String) async throws -> [UInt8] {
        if let cached = cache.bytes(variant: "image", etag: etag) { return cached }
        let bytes = try await store.get(key: key, range: nil).bytes
        cache.store(bytes, variant: "image", etag: etag)
        return bytes
    }

    /// The thumbnail object when there is one, else the full image.
    func thumbnailBytes(key: String, etag: String) async throws -> [UInt8] {
        if let cached = cache.bytes(variant: "thumbnail", etag: etag) { return cached }
        if let thumbnailKey = ObjectNaming.thumbnailKey(forImageKey: key),
           let thumbnail = try? await store.get(key: thumbnailKey, range: nil).bytes {
            cache.store(thumbnail, variant: "thumbnail", etag: etag)
            return thumbnail
        }
        return try await imageBytes(key: key, etag: etag)
    }

    /// The generation record from the image's text chunks, read from a cached image or head, else a ranged GET.
    func metadata(key: String, etag: String) async throws -> ImageMetadata? {
        let head: [UInt8]
        if let cached = cache.bytes(variant: "image", etag: etag) ?? cache.bytes(variant: "head", etag: etag) {
            head = cached
        } else {
            head = try await store.get(key: key, range: 0...(Self.metadataHeadBytes - 1)).bytes
            // A filter's search reads thousands of heads; the next search should not fetch them again.
            cache.store(head, variant: "head", etag: etag)
        }
        return ImageMetadata.read(from: try PNG.textChunks(in: head))
    }
}
