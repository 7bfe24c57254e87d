/// SplitMix64: a small seeded generator that gives the same numbers on every platform, for everything that must
/// replay the same way (fuzz inputs, tests, the procedural preview engine's noise).
public struct SplitMix: RandomNumberGenerator, Sendable {
    /// Added to the state at each step (2⁶⁴ divided by the golden ratio).
    public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.finalize(state)
    }

    /// SplitMix64's output function: mixes every bit of `value` into every bit of the result.
    public static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
