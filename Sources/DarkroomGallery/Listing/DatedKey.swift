#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A key in darkroom's exact format, `output-images/<yyyyMMdd'T'HHmmss'Z'>-<seed>-<8 hex>.png`, and the time in it.
///
/// Only names in exactly this form count as dated: the reference Lambda's `output-images/HHMMSS.png` (whose
/// digits look like a date prefix) and names other tools wrote are foreign keys, placed by LastModified.
public struct DatedKey: Sendable, Hashable {
    /// Where every image key lives.
    public static let root = "output-images/"

    public let key: String
    public let year: Int
    public let month: Int
    public let day: Int
    /// Seconds since 1970 of the time written in the name (UTC).
    public let seconds: Int
    public let seed: UInt32

    /// The time in the name.
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
    /// The calendar day in the name.
    public var dayStamp: DayStamp { DayStamp(year: year, month: month, day: day) }

    /// Parses `key`; nil unless it is in darkroom's exact format with a real date and time.
    public init?(_ key: String) {
        let bytes = Array(key.utf8)
        let root = Array(Self.root.utf8)
        // root + 16 (time) + "-" + seed (1...10) + "-" + 8 hex + ".png"
        guard bytes.count >= root.count + 16 + 1 + 1 + 1 + 8 + 4, bytes.starts(with: root) else { return nil }
        var index = root.count
        func digits(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
                index += 1
            }
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), let month = digits(2), let day = digits(2), expect(UInt8(ascii: "T")),
              let hour = digits(2), let minute = digits(2), let second = digits(2), expect(UInt8(ascii: "Z")),
              expect(UInt8(ascii: "-"))
        else { return nil }
        guard let dayStamp = DayStamp(validYear: year, month: month, day: day), hour < 24, minute < 60, second < 60 else { return nil }
        let seedStart = index
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        let seedLength = index - seedStart
        guard (1...10).contains(seedLength), seedLength == 1 || bytes[seedStart] != 0x30,
              let seed = UInt32(String(decoding: bytes[seedStart..<index], as: UTF8.self)),
              expect(UInt8(ascii: "-"))
        else { return nil }
        for _ in 0..<8 {
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            guard (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) else { return nil }
            index += 1
        }
        guard bytes[index...].elementsEqual(".png".utf8) else { return nil }
        self.key = key
        self.year = year
        self.month = month
        self.day = day
        self.seed = seed
        self.seconds = dayStamp.secondsSince1970(hour: hour, minute: minute, second: second)
    }

    /// The StartAfter value that lists every key named at or after `seconds` (and foreign names sorting there).
    public static func startAfter(seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let stamp = DayStamp(daysSince1970: days)
        // A name written at this second is longer than this prefix, so it sorts after it.
        return stamp.prefix + "T" + pad(rest / 3600, 2) + pad(rest / 60 % 60, 2) + pad(rest % 60, 2)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
