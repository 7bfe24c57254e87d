extension ClosedRange where Bound: LosslessStringConvertible {
    /// The bounds as messages write a range: `10 to 150`, `0 to 35`, `1.1 to 10` (no `.0` on a whole number, as
    /// numbers are written everywhere else).
    public var inWords: String {
        "\(Self.word(lowerBound)) to \(Self.word(upperBound))"
    }

    private static func word(_ value: Bound) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
