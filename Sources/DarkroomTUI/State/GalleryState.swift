import DarkroomBackend
import DarkroomCore
import DarkroomGallery
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The gallery's listing, filter, selection and lazily loaded thumbnails and metadata.
public struct GalleryState: Sendable {
    /// Thumbnails in a grid, or one line per image.
    public enum Layout: Hashable, Sendable { case grid, list }

    /// Where the listing is.
    public enum Listing: Hashable, Sendable {
        case notLoaded, loading, loaded
        case failed(String)
    }

    /// Every listed image with where it sorts, newest first (by the time in darkroom's names, else LastModified).
    private var entries: [GalleryEntry] = []
    /// Every listed image, newest first.
    public var objects: ListedObjects { ListedObjects(entries: entries) }
    /// True until the user moves the selection: it then stays on the newest image as more arrive.
    public var selectionFollowsNewest = true
    /// The filter searches the catalog (prompt words, seed:, model:, dates) rather than keys and loaded prompts.
    public var usesCatalogSearch = false
    /// The catalog's matches for `catalogMatchText` loaded so far, newest first: a window that grows as the
    /// selection nears its end, never every match (a keystroke costs the window, not the catalog).
    public private(set) var catalogMatchKeys: [String] = []
    /// How many images match `catalogMatchText` in all.
    public private(set) var catalogMatchTotal = 0
    public private(set) var catalogMatchText = ""
    /// The offset of the window asked for and not answered yet (nil: none), so it is asked once.
    public var catalogPageRequested: Int?
    /// Images whose parameters are not read yet, which a search cannot see ("not yet searched (N left)").
    public var unsearchedCount = 0
    /// When the tiles on screen are loaded while the filter is typed (nil: at once); see `AppReducer.tileLoadPause`.
    public var tileLoadsDue: Date?
    /// Why the catalog refused the filter text (a half-typed `seed:`), while that is still the text.
    public var searchProblem: String? { searchRefusal?.text == filter.text ? searchRefusal?.reason : nil }
    private var searchRefusal: (text: String, reason: String)?
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
    /// Keys whose metadata request has been answered (with metadata, without, or with a failure to read it).
    public private(set) var metadataAnswered: Set<String> = []
    /// Why an image's parameters could not be read (a failed GET, a damaged head), by key: not the same as having none.
    public private(set) var metadataFailures: [String: String] = [:]
    /// Keys whose metadata the filter's background search asked for and is still waiting on.
    public var searchInFlight: Set<String> = []
    /// Where the filter's background search continues in `objects`; everything before it was requested.
    public var searchCursor = 0
    public var thumbnails = ThumbnailMemory(capacity: 500)
    public var thumbnailsRequested: Set<String> = []
    /// Where each listed key sorts: whether a key is listed and, by a binary search of `entries`, at which
    /// position. Not the position itself, which every merge shifts: a batch of listed keys updates only its own.
    private var sortSecondsByKey: [String: Int] = [:]

    public init() {}

    /// How far the filter's search through every listed image's metadata is: nil without a filter or when done.
    public var searchProgress: (searched: Int, total: Int)? {
        guard !filter.isEmpty else { return nil }
        let searched = objects.reduce(0) { $0 + (metadataAnswered.contains($1.key) ? 1 : 0) }
        return searched < objects.count ? (searched, objects.count) : nil
    }

    /// Where an image's parameters stand.
    public enum MetadataStatus: Equatable {
        case known(ImageMetadata)
        /// Read, and there are none: another tool wrote the image.
        case none
        case failed(reason: String)
        /// Not read yet, or the read has not answered.
        case pending
    }

    public func metadataStatus(of key: String) -> MetadataStatus {
        if let known = metadata[key] { return .known(known) }
        if let reason = metadataFailures[key] { return .failed(reason: reason) }
        return metadataAnswered.contains(key) ? .none : .pending
    }

    /// Records that an image's parameters could not be read: answered (the filter's search does not wait on it),
    /// with the reason to show instead of "no parameters".
    public mutating func metadataFailed(key: String, reason: String) {
        metadataFailures[key] = reason
        metadataAnswered.insert(key)
        searchInFlight.remove(key)
    }

    /// Records an image's metadata (nil: it has none) and, with a filter active, shows the image if its prompt now
    /// matches, without rescanning the whole listing (a search answers thousands of these).
    /// Returns whether the image joined `visible`.
    @discardableResult
    public mutating func metadataArrived(key: String, _ incoming: ImageMetadata?) -> Bool {
        metadata[key] = incoming
        metadataFailures[key] = nil
        metadataAnswered.insert(key)
        searchInFlight.remove(key)
        if usesCatalogSearch { return false }
        let needle = filter.text.lowercased()
        guard !needle.isEmpty, let index = position(of: key), matches(objects[index], needle: needle) else { return false }
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

    /// Replaces or extends the listing, keeping newest first. The selection stays on the newest image until
    /// the user moves it, then on the image they chose.
    public mutating func merge(_ incoming: [StoredObject], replacing: Bool) {
        merge(entries: incoming.map(GalleryEntry.init), replacing: replacing)
    }

    /// `merge` for entries whose place is known (the catalog's rows: no name parsed again, and already in
    /// order, so a whole catalog of rows is taken without a sort).
    ///
    /// Costs the batch, not the listing held (a 5,000-key batch of a 100,000-image listing arrives on the loop's
    /// thread while the user types): keys already held are replaced in place, found by binary search; new ones
    /// are put in with one pass that moves the entries after them (`insert(_:at:)`); only the new keys are
    /// indexed.
    public mutating func merge(entries incoming: [GalleryEntry], replacing: Bool) {
        let selectedKey = selectionFollowsNewest ? nil : selectedObject?.key
        var arriving = incoming
        if !zip(arriving, arriving.dropFirst()).allSatisfy({ GalleryEntry.newestFirst($0, $1) }) {
            // Unsorted or with a key twice: the last of each key wins, as a later listing knows better.
            var fresh: [String: GalleryEntry] = [:]
            for entry in arriving { fresh[entry.key] = entry }
            arriving = fresh.values.sorted(by: GalleryEntry.newestFirst)
        }
        if replacing {
            entries = arriving
            sortSecondsByKey = Dictionary(arriving.map { ($0.key, $0.sortSeconds) }, uniquingKeysWith: { first, _ in first })
        } else {
            var fresh: [GalleryEntry] = []
            var moved: Set<String> = []
            for entry in arriving {
                if let seconds = sortSecondsByKey[entry.key] {
                    // Listed again in the same place (a full listing after the catalog's rows): updated where it is.
                    if seconds == entry.sortSeconds, let place = position(of: entry.key) {
                        entries[place] = entry
                        continue
                    }
                    moved.insert(entry.key)
                }
                fresh.append(entry)
            }
            if !moved.isEmpty {
                // Its time changed (a foreign key written again): out of its old place, in at its new one.
                entries.removeAll { moved.contains($0.key) }
            }
            // Where each new entry goes: below the next one's place (they are in order), by binary search.
            var places = [Int](repeating: 0, count: fresh.count)
            var end = entries.count
            for index in fresh.indices.reversed() {
                end = Self.insertionPoint(seconds: fresh[index].sortSeconds, key: fresh[index].key, in: entries, below: end)
                places[index] = end
            }
            entries.insert(fresh, at: places)
            for entry in fresh { sortSecondsByKey[entry.key] = entry.sortSeconds }
        }
        searchCursor = 0
        refilter(keepingKey: selectedKey)
        if selectionFollowsNewest { selection = 0 }
    }

    /// Where `key` is in `objects`, if it is listed.
    public func position(of key: String) -> Int? {
        guard let seconds = sortSecondsByKey[key] else { return nil }
        let place = Self.insertionPoint(seconds: seconds, key: key, in: entries, below: entries.count)
        return place < entries.count && entries[place].key == key ? place : nil
    }

    /// How many of `entries[..<end]` (newest first) come before an entry of `seconds` named `key`.
    private static func insertionPoint(seconds: Int, key: String, in entries: [GalleryEntry], below end: Int) -> Int {
        var low = 0, high = end
        while low < high {
            let middle = (low + high) / 2
            let other = entries[middle]
            let before = other.sortSeconds != seconds ? other.sortSeconds > seconds : key.utf8.lexicographicallyPrecedes(other.key.utf8)
            if before { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Takes images out of the listing (deleted from the bucket); the selection stays on its image.
    public mutating func remove(keys: [String]) {
        let gone = Set(keys.filter { sortSecondsByKey[$0] != nil })
        guard !gone.isEmpty else { return }
        let selectedKey = selectionFollowsNewest ? nil : selectedObject?.key
        entries.removeAll { gone.contains($0.key) }
        for key in gone { sortSecondsByKey[key] = nil }
        searchCursor = 0
        refilter(keepingKey: selectedKey)
        if selectionFollowsNewest { selection = 0 }
    }

    /// How many images pass the filter: all of the catalog's matches, even those beyond the loaded window.
    public var matchCount: Int {
        usesCatalogSearch && !filter.isEmpty && catalogMatchText == filter.text ? max(catalogMatchTotal, visible.count) : visible.count
    }

    /// Matches the catalog holds beyond the window loaded so far.
    public var moreCatalogMatches: Bool {
        usesCatalogSearch && !filter.isEmpty && catalogMatchText == filter.text && catalogMatchKeys.count < catalogMatchTotal
    }

    /// Takes a window of the catalog's matches for `text` starting at `offset` (ignored when the filter has
    /// changed since, or when it does not continue the window held).
    public mutating func catalogSearchAnswered(text: String, offset: Int, keys: [String], total: Int, unsearched: Int) {
        guard text == filter.text else { return }
        if offset == 0 {
            catalogMatchKeys = keys
        } else if text == catalogMatchText, offset == catalogMatchKeys.count {
            catalogMatchKeys += keys
        } else {
            return
        }
        if catalogPageRequested == offset { catalogPageRequested = nil }
        catalogMatchTotal = total
        catalogMatchText = text
        unsearchedCount = unsearched
        searchRefusal = nil
        let follows = selectionFollowsNewest && offset == 0
        refilter(keepingKey: follows ? nil : selectedObject?.key)
        if follows { selection = 0 }
    }

    /// Takes the catalog's refusal of `text`: nothing matches it. The last answer is not kept, since under text
    /// it does not answer it looked like that text's result.
    public mutating func catalogSearchRefused(text: String, reason: String) {
        guard text == filter.text else { return }
        catalogSearchAnswered(text: text, offset: 0, keys: [], total: 0, unsearched: unsearchedCount)
        searchRefusal = (text, reason)
    }

    /// Recomputes `visible` from the filter text (matched against keys and known prompts, ignoring case).
    public mutating func refilter(keepingKey key: String? = nil) {
        let needle = filter.text.lowercased()
        if needle.isEmpty {
            visible = Array(objects.indices)
        } else if usesCatalogSearch {
            // Until the catalog answers for the new text, the last answer stands. Matches not listed here yet
            // (the listing is still arriving) are left out until they are.
            visible = catalogMatchKeys.compactMap { position(of: $0) }
        } else {
            visible = objects.indices.filter { matches(objects[$0], needle: needle) }
        }
        if let key, let index = position(of: key), let shown = needle.isEmpty ? index : visible.firstIndex(of: index) {
            selection = shown
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
