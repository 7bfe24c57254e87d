/// A buffer's base address handed to the parts of `DispatchQueue.concurrentPerform` (the sixel mapping and
/// band writing): each part reads what all share and writes only its own range, which the compiler cannot see.
struct PartPointer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>

    init?(_ buffer: UnsafeMutableBufferPointer<Element>) {
        guard let base = buffer.baseAddress else { return nil }
        self.base = base
    }

    init?(_ buffer: UnsafeBufferPointer<Element>) {
        guard let base = buffer.baseAddress else { return nil }
        self.base = UnsafeMutablePointer(mutating: base)
    }
}
