import DarkroomBackend
import DarkroomCore

/// The gallery's listing, filter, selection and lazily loaded thumbnails and metadata.
public struct GalleryState: Sendable {
    /// Thumbnails in a grid, or one line per image.
    public enum Layout: Hashable, Sendable { case grid, list }

    /// Where the listing is.
    public enum Listing: Hashable, Sendable {
        case notLoaded, loading, loaded
        case failed(String)
    }

    /// Every listed image, newest first.
    public private(set) var objects: [StoredObject] = []
    /// Indices into `objects` that pass the filter, in display order.
    public private(set) var visible: [Int] = []
    public var listing: Listing = .notLoaded
    public var layout: Layout = .grid
    public var filter = TextEditor()
    public var isEditingFilter = false
    /// Index into `visible`.
    public var selection = 0
    /// The first visible row of the grid or list.
    public var scrollRow = 0
    public var metadata: [String: ImageMetadata] = [:]
    /// Keys whose metadata was asked for (loaded, absent or failed): never asked twice.
    public var metadataRequested: Set<String> = []
    /// Keys whose metadata request has been answered (with metadata or without).
    public private(set) var metadataAnswered: Set<String> = []
    /// Keys whose metadata the filter's background search asked for and is still waiting on.
    public var searchInFlight: Set<String> = []
    /// Where the filter's background search continues in `objects`; everything before it was requested.
    public var searchCursor = 0
    public var thumbnails = ThumbnailMemory(capacity: 500)
    public var thumbnailsRequested: Set<String> = []
    /// Position of each key in `objects`.
    private var indexByKey: [String: Int] = [:]

    public init() {}

    /// How far the filter's search through every listed image's metadata is: nil without a filter or when done.
    public var searchProgress: (searched: Int, total: Int)? {
        guard !filter.isEmpty else { return nil }
        let searched = objects.reduce(0) { $0 + (metadataAnswered.contains($1.key) ? 1 : 0) }
        return searched < objects.count ? (searched, objects.count) : nil
    }

    /// Records an image's metadata (nil: it has none) and, with a filter active, shows the image if its prompt now
    /// matches, without rescanning the whole listing (a search answers thousands of these).
    /// Returns whether the image joined `visible`.
    @discardableResult
    public mutating func metadataArrived(key: String, _ incoming: ImageMetadata?) -> Bool {
        metadata[key] = incoming
        metadataAnswered.insert(key)
        searchInFlight.remove(key)
        let needle = filter.text.lowercased()
        guard !needle.isEmpty, let index = indexByKey[key], matches(objects[index], needle: needle) else { return false }
        // `visible` is ascending: binary-search the insertion point.
        var low = 0, high = visible.count
        while low < high {
            let middle = (low + high) / 2
            if visible[middle] < index { low = middle + 1 } else { high = middle }
        }
        guard low == visible.count || visible[low] != index else { return false }
        visible.insert(index, at: low)
        // Keep the same image selected.
        if visible.count > 1, low <= selection { selection += 1 }
        return true
    }

    public var selectedObject: StoredObject? {
        visible.indices.contains(selection) ? objects[visible[selection]] : nil
    }

    /// Replaces or extends the listing, keeping newest first and the selection on the same image.
    public mutating func merge(_ incoming: [StoredObject], replacing: Bool) {
        let selectedKey = selectedObject?.key
        var byKey: [String: StoredObject] = replacing ? [:] : Dictionary(objects.map { ($0.key, $0) }, uniquingKeysWith: { $1 })
        for object in incoming { byKey[object.key] = object }
        objects = byKey.values.sorted { ($0.lastModified, $0.key) > ($1.lastModified, $1.key) }
        indexByKey = Dictionary(objects.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        searchCursor = 0
        refilter(keepingKey: selectedKey)
    }

    /// Recomputes `visible` from the filter text (matched against keys and known prompts, ignoring case).
    public mutating func refilter(keepingKey key: String? = nil) {
        let needle = filter.text.lowercased()
        if needle.isEmpty {
            visible = Array(objects.indices)
        } else {
            visible = objects.indices.filter { matches(objects[$0], needle: needle) }
        }
        if let key, let position = visible.firstIndex(where: { objects[$0].key == key }) {
            selection = position
        } else {
            selection = min(selection, max(0, visible.count - 1))
        }
    }
}

extension GalleryState {
    private func matches(_ object: StoredObject, needle: String) -> Bool {
        if object.key.lowercased().contains(needle) { return true }
        return metadata[object.key]?.parameters.prompt.lowercased().contains(needle) ?? false
    }
}
