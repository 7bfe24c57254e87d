#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Object keys in the bucket: `output-images/<UTC yyyyMMdd'T'HHmmss'Z'>-<seed>-<random>.png`, sortable by time,
/// and the thumbnail of each under `output-thumbnails/` with the same name.
public enum ObjectNaming {
    public static let imagePrefix = "output-images/"
    public static let thumbnailPrefix = "output-thumbnails/"

    /// A fresh image key; the random suffix keeps concurrent requests with the same second and seed apart.
    public static func imageKey(date: Date, seed: UInt32, random: inout some RandomNumberGenerator) -> String {
        let suffix = String(UInt32.random(in: 0...UInt32.max, using: &random), radix: 16)
        let padded = String(repeating: "0", count: 8 - suffix.count) + suffix
        return "\(imageKeyPrefix(at: date))-\(seed)-\(padded).png"
    }

    /// `imageKey(date:seed:random:)` with the system's random generator.
    public static func imageKey(date: Date, seed: UInt32) -> String {
        var generator = SystemRandomNumberGenerator()
        return imageKey(date: date, seed: seed, random: &generator)
    }

    /// What every image key made at `date` (to the second) starts with: a listing's `startAfter` for images made
    /// from then on.
    public static func imageKeyPrefix(at date: Date) -> String {
        imagePrefix + timestamp(date)
    }

    /// The thumbnail key for an image key; nil for a key outside `output-images/`.
    public static func thumbnailKey(forImageKey key: String) -> String? {
        guard key.hasPrefix(imagePrefix), key.count > imagePrefix.count else { return nil }
        return thumbnailPrefix + key.dropFirst(imagePrefix.count)
    }

    /// The time and seed written in a darkroom image key; nil for other names (such as the reference's `HHMMSS.png`).
    public static func components(ofImageKey key: String) -> (date: Date, seed: UInt32)? {
        guard key.hasPrefix(imagePrefix), key.hasSuffix(".png") else { return nil }
        let name = key.dropFirst(imagePrefix.count).dropLast(4)
        let parts = name.split(separator: "-")
        guard parts.count == 3, let seed = UInt32(parts[1]), let date = parseTimestamp(String(parts[0])) else { return nil }
        return (date, seed)
    }

    private static var utcCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    static func timestamp(_ date: Date) -> String {
        let parts = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T"
            + pad(parts.hour, 2) + pad(parts.minute, 2) + pad(parts.second, 2) + "Z"
    }

    /// The time a `yyyyMMdd'T'HHmmss'Z'` stamp names; nil for other text.
    static func parseTimestamp(_ text: String) -> Date? {
        let digits = Array(text)
        guard digits.count == 16, digits[8] == "T", digits[15] == "Z" else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(digits[range])) }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return utcCalendar.date(from: components)
    }
}
