/// Encoded pictures by `PixelKey`, least recently used dropped first once the bytes held pass `capacity`
/// (failures count as nothing and are kept, so a picture that cannot be encoded is not tried again).
public struct EncodedPixelCache: Sendable {
    public let capacity: Int
    public private(set) var byteCount = 0
    private var entries: [PixelKey: Result<PlacedPixels, PixelFailure>] = [:]
    private var order: [PixelKey] = []

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    public var count: Int { entries.count }

    /// The entry, marked as recently used.
    public mutating func lookup(_ key: PixelKey) -> Result<PlacedPixels, PixelFailure>? {
        guard let entry = entries[key] else { return nil }
        touch(key)
        return entry
    }

    public func contains(_ key: PixelKey) -> Bool { entries[key] != nil }

    public mutating func store(_ entry: Result<PlacedPixels, PixelFailure>, for key: PixelKey) {
        if let old = entries.updateValue(entry, forKey: key) { byteCount -= Self.size(old) }
        byteCount += Self.size(entry)
        touch(key)
        while byteCount > capacity, order.count > 1, let oldest = order.first, oldest != key {
            order.removeFirst()
            if let removed = entries.removeValue(forKey: oldest) { byteCount -= Self.size(removed) }
        }
    }

    private mutating func touch(_ key: PixelKey) {
        if let index = order.firstIndex(of: key) { order.remove(at: index) }
        order.append(key)
    }

    private static func size(_ entry: Result<PlacedPixels, PixelFailure>) -> Int {
        if case .success(let placed) = entry { return placed.bytes.count }
        return 0
    }
}
