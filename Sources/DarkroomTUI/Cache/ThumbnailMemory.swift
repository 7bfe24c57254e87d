/// The in-memory thumbnail cache: rendered pictures by image key, least recently stored dropped first once
/// `capacity` is reached. A value held in the app state, so the reducer decides what stays.
public struct ThumbnailMemory: Sendable {
    /// A thumbnail slot: a rendered picture, or why there is none.
    public enum Entry: Hashable, Sendable {
        case picture(CellPicture)
        case failed(String)
    }

    public let capacity: Int
    private var entries: [String: Entry] = [:]
    private var order: [String] = []

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    public var count: Int { entries.count }

    public subscript(key: String) -> Entry? { entries[key] }

    /// Stores an entry; returns the keys evicted to stay within capacity.
    @discardableResult
    public mutating func store(_ entry: Entry, for key: String) -> [String] {
        if entries.updateValue(entry, forKey: key) != nil {
            order.removeAll { $0 == key }
        }
        order.append(key)
        var evicted: [String] = []
        while order.count > capacity {
            let oldest = order.removeFirst()
            entries[oldest] = nil
            evicted.append(oldest)
        }
        return evicted
    }
}
