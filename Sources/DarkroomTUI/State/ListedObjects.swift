import DarkroomBackend
import DarkroomGallery

/// The gallery's listed images, newest first: a read-only view of its entries, so the listing is one array kept
/// in order, not two kept in step. Shares the entries' storage (nothing is copied to read it).
public struct ListedObjects: RandomAccessCollection, Sendable {
    let entries: [GalleryEntry]

    public var startIndex: Int { entries.startIndex }
    public var endIndex: Int { entries.endIndex }
    public subscript(position: Int) -> StoredObject { entries[position].object }
}
