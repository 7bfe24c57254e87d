/// Hands out curses colour pair numbers for (foreground, background) colour numbers, reusing pairs.
///
/// When every pair is taken the owner resets the allocator and repaints the whole screen, because
/// redefining a pair in use would recolour cells already on the screen.
struct ColorPairAllocator {
    /// A pair number, and whether the owner must define it (`init_extended_pair`) before use.
    enum Allocation: Equatable {
        case existing(Int32)
        case new(Int32)
        case exhausted
    }

    private struct Key: Hashable {
        let foreground: Int32
        let background: Int32
    }

    /// The number of pairs available beyond pair 0 (the terminal's default colours).
    let capacity: Int
    private var assigned: [Key: Int32] = [:]

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    var count: Int { assigned.count }

    mutating func pair(foreground: Int32, background: Int32) -> Allocation {
        if foreground == -1, background == -1 { return .existing(0) }
        let key = Key(foreground: foreground, background: background)
        if let existing = assigned[key] { return .existing(existing) }
        guard assigned.count < capacity else { return .exhausted }
        let number = Int32(assigned.count + 1)
        assigned[key] = number
        return .new(number)
    }

    mutating func reset() {
        assigned.removeAll(keepingCapacity: true)
    }
}
