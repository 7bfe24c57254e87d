/// A parameter's documented range, the increments a slider moves in, and its default.
public struct NumericRange<Value: Comparable & Sendable>: Sendable {
    /// The smallest and largest accepted values.
    public var bounds: ClosedRange<Value>
    /// A fine adjustment (one key press).
    public var step: Value
    /// A coarse adjustment (a shifted key press).
    public var coarseStep: Value
    /// The value used when a request leaves the parameter out.
    public var defaultValue: Value

    public init(bounds: ClosedRange<Value>, step: Value, coarseStep: Value, defaultValue: Value) {
        self.bounds = bounds
        self.step = step
        self.coarseStep = coarseStep
        self.defaultValue = defaultValue
    }

    /// Whether `value` lies inside the bounds.
    public func contains(_ value: Value) -> Bool {
        bounds.contains(value)
    }

    /// `value` moved into the bounds.
    public func clamped(_ value: Value) -> Value {
        min(max(value, bounds.lowerBound), bounds.upperBound)
    }
}
