import DarkroomBackend
import DarkroomCatalog
import DarkroomCore
import DarkroomGallery
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// What a person types after `/` or in `ls --search`: any text either is refused with a reason (`badSearch`) or
/// runs against a catalog without an error, since the words, fragments and fields become FTS5 phrases, LIKE
/// patterns and bound values, never SQL or FTS5 syntax of the user's; and what it finds is in the catalog.
enum SearchQueryFuzz {
    /// The catalog's folder, one per process, removed when the process exits.
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("darkroom-fuzz-search-\(getpid())").path

    /// A small catalog of read images (prompts with words, emoji, CJK, quotes and SQL-looking text), made once per
    /// process.
    static let catalog: (catalog: Catalog, keys: Set<String>) = {
        atexit { try? FileManager.default.removeItem(atPath: SearchQueryFuzz.folder) }
        do {
            let catalog = try Catalog.open(path: folder + "/catalog.sqlite")
            let images: [(String, GenerationParameters)] = [
                ("a lighthouse at dusk, oil painting", GenerationParameters(prompt: "a lighthouse at dusk, oil painting", cfgScale: 4, steps: 20, seed: 42)),
                ("fox", GenerationParameters(prompt: "a 🦊 fox in the snow, 城 castle", negativePrompt: "blurry", cfgScale: 6.5, steps: 40, seed: 7,
                                             size: ImageSize(width: 1152, height: 896), stylePreset: "anime", sampler: "K_EULER")),
                ("quotes", GenerationParameters(prompt: "\"quoted\" 100% _under_ back\\slash'; DROP TABLE images; --", seed: 0)),
            ]
            var keys: Set<String> = []
            for (index, image) in images.enumerated() {
                let key = ObjectNaming.imageKey(date: Date(timeIntervalSince1970: 1_764_000_000 + Double(index) * 60), seed: image.1.seed ?? 0)
                try catalog.upsert([GalleryEntry(StoredObject(key: key, size: 10, lastModified: Date(timeIntervalSince1970: 1_764_000_000), etag: "e\(index)"))])
                try catalog.record(.parameters(ImageMetadata(parameters: image.1, engine: "local-preview")), key: key, etag: "e\(index)")
                keys.insert(key)
            }
            return (catalog, keys)
        } catch {
            fatalError("the fuzz catalog could not be made: \(error)")
        }
    }()

    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let query: SearchQuery
        do {
            query = try SearchQuery.parse(text)
        } catch {
            guard case .badSearch(let reason) = error else { return FuzzCheck.require(false, "parse threw \(error), not a refusal") }
            FuzzCheck.require(!reason.isEmpty, "a refusal without a reason")
            return
        }
        let (catalog, keys) = catalog
        do {
            let window = try catalog.searchWindowKeys(query, limit: 10)
            FuzzCheck.require(Set(window.keys).isSubset(of: keys), "found keys the catalog does not hold: \(window.keys)")
            FuzzCheck.require(window.total >= window.keys.count && window.total <= keys.count, "a total of \(window.total) for \(window.keys.count) keys")
            if query.isEmpty { FuzzCheck.require(window.total == keys.count, "an empty search found \(window.total) of \(keys.count)") }
        } catch {
            FuzzCheck.require(false, "the search \(text.debugDescription) failed: \(error)")
        }
    }
}
