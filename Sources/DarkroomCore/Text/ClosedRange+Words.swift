extension ClosedRange where Bound: LosslessStringConvertible {
    /// The bounds as messages write a range: `10 to 150`, `0 to 35`, `1.1 to 10`.
    public var inWords: String {
        "\(Self.word(lowerBound)) to \(Self.word(upperBound))"
    }

    /// A fractional bound in the one number form (`SweepValue.format`: no `.0` on a whole number); a whole-number
    /// type as it prints. Generic callers (the Lambda's configuration reads Doubles and Ints alike) reach it here.
    private static func word(_ value: Bound) -> String {
        (value as? Double).map(SweepValue.format) ?? value.description
    }
}
