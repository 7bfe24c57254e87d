import DarkroomBackend
import DarkroomCore
import DarkroomImaging

/// The cache policy for image bytes: what the disk cache (keyed by ETag) answers and what is fetched from the
/// store and then kept. Whole images, thumbnails and metadata heads are cached separately.
struct ImageLoader: Sendable {
    let store: any ImageStore
    let cache: ImageCache

    /// Bytes of an image head read for its metadata chunks (they sit before the image data).
    static let metadataHeadBytes = 65_536

    /// The whole image, from the disk cache when its ETag is known there.
    func imageBytes(_ object: StoredObject) async throws -> [UInt8] {
        if let cached = cache.bytes(variant: "image", etag: object.etag) { return cached }
        let bytes = try await store.get(key: object.key, range: nil).bytes
        cache.store(bytes, variant: "image", etag: object.etag)
        return bytes
    }

    /// The thumbnail object when there is one, else the full image.
    func thumbnailBytes(_ object: StoredObject) async throws -> [UInt8] {
        if let cached = cache.bytes(variant: "thumbnail", etag: object.etag) { return cached }
        if let thumbnailKey = ObjectNaming.thumbnailKey(forImageKey: object.key),
           let thumbnail = try? await store.get(key: thumbnailKey, range: nil).bytes {
            cache.store(thumbnail, variant: "thumbnail", etag: object.etag)
            return thumbnail
        }
        return try await imageBytes(object)
    }

    /// The generation record from the image's text chunks, read from a cached image or head, else a ranged GET.
    func metadata(of object: StoredObject) async throws -> ImageMetadata? {
        let head: [UInt8]
        if let cached = cache.bytes(variant: "image", etag: object.etag) ?? cache.bytes(variant: "head", etag: object.etag) {
            head = cached
        } else {
            head = try await store.get(key: object.key, range: 0...(Self.metadataHeadBytes - 1)).bytes
            // A filter's search reads thousands of heads; the next search should not fetch them again.
            cache.store(head, variant: "head", etag: object.etag)
        }
        return ImageMetadata.read(from: try PNG.textChunks(in: head))
    }
}
