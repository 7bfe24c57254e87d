import DarkroomTestSupport

/// The stores the storage contract runs against: DarkroomTestSupport's pair (a folder, S3 on moto_server).
typealias StoreKind = GalleryStoreKind

extension GalleryStoreKind {
    /// moto checks `If-None-Match: *` and then writes, without a lock, so concurrent writers can both
    /// succeed there (S3 itself lets exactly one through); sequential conditional writes are still refused.
    var conditionalWritesAreAtomic: Bool { self == .directory }
}
