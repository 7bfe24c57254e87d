extension Array {
    /// Inserts `elements[i]` before the element now at `places[i]` (places ascending, from 0 to `count`), so
    /// that it ends up at `places[i] + i`.
    ///
    /// One pass from the end moves each element already here at most once, and bitwise: a batch of k into n costs
    /// O(n + k). Inserting one at a time would shift the tail k times; merging into a new array would copy (and
    /// retain) every element's strings again, which for the gallery's 100,000 entries is what made a listed batch
    /// hold up a key press.
    mutating func insert(_ elements: [Element], at places: [Int]) {
        guard !elements.isEmpty else { return }
        let oldCount = count
        guard places.count == elements.count, let first = places.first, let last = places.last, first >= 0, last <= oldCount,
              zip(places, places.dropFirst()).allSatisfy({ $0 <= $1 })
        else {
            // Not a valid plan (a caller's bug): the same outcome the slow way rather than memory moved wrongly.
            for (element, place) in zip(elements, places).sorted(by: { $0.1 < $1.1 }).reversed() {
                insert(element, at: Swift.min(Swift.max(place, 0), count))
            }
            return
        }
        // Grows the storage; these copies are dropped at once and their slots filled by the pass below.
        append(contentsOf: elements)
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            (base + oldCount).deinitialize(count: elements.count)
            // Invariant: [0, unmoved) holds old elements not moved yet, [unmoved, free) is uninitialized, and
            // [free, end) is final.
            var unmoved = oldCount
            var free = oldCount + elements.count
            for index in elements.indices.reversed() {
                let place = places[index]
                let run = unmoved - place
                free -= run
                (base + free).moveInitialize(from: base + place, count: run)
                free -= 1
                (base + free).initialize(to: elements[index])
                unmoved = place
            }
        }
    }
}
