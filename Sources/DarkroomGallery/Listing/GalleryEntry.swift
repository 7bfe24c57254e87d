import DarkroomBackend
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One listed image and where it sorts: by the time in its name, or by LastModified for a foreign name.
public struct GalleryEntry: Sendable, Hashable {
    public var object: StoredObject
    /// Seconds since 1970 the entry sorts by.
    public var sortSeconds: Int
    /// Whether the key is in darkroom's exact format (its time comes from the name).
    public var isDated: Bool

    public init(_ object: StoredObject) {
        self.object = object
        if let dated = DatedKey(object.key) {
            sortSeconds = dated.seconds
            isDated = true
        } else {
            // A store's date can be anything; a nonsense one sorts as 1970 rather than trapping.
            let seconds = object.lastModified.timeIntervalSince1970.rounded(.down)
            sortSeconds = seconds.isFinite && abs(seconds) < 1e15 ? Int(seconds) : 0
            isDated = false
        }
    }

    /// An entry whose place is already known (read back from the catalog).
    public init(object: StoredObject, sortSeconds: Int, isDated: Bool) {
        self.object = object
        self.sortSeconds = sortSeconds
        self.isDated = isDated
    }

    public var key: String { object.key }

    /// The time the entry sorts by: the one in its name, else the store's date.
    public var sortDate: Date { Date(timeIntervalSince1970: Double(sortSeconds)) }

    /// Gallery order: newest first; same-second entries by key, highest first, so the order is total and stable.
    public static func newestFirst(_ lhs: GalleryEntry, _ rhs: GalleryEntry) -> Bool {
        if lhs.sortSeconds != rhs.sortSeconds { return lhs.sortSeconds > rhs.sortSeconds }
        return rhs.key.utf8.lexicographicallyPrecedes(lhs.key.utf8)
    }
}
