import Foundation

/// A count with its noun in the right number and thousands grouped: "1 image", "10,000 images".
enum Counted {
    static func text(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(grouped(count)) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    /// "10,000": commas every three digits, whatever the user's locale, so screens read the same in tests.
    static func grouped(_ count: Int) -> String {
        count.formatted(IntegerFormatStyle<Int>().locale(Locale(identifier: "en_US")))
    }
}
