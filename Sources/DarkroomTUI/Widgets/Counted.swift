/// A count with its noun in the right number and thousands grouped: "1 image", "10,000 images".
enum Counted {
    static func text(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(grouped(count)) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    /// "10,000": commas every three digits, whatever the user's locale, so screens read the same in tests. Not
    /// Foundation's number formatting: that brings ICU (34 MB of the binary) for one comma.
    static func grouped(_ count: Int) -> String {
        let digits = String(count.magnitude)
        var text = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return count < 0 ? "-" + text : text
    }
}
