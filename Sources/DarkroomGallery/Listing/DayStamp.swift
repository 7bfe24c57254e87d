/// A UTC calendar day, the unit darkroom's key names are grouped by.
public struct DayStamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    // The initialisers are in the extension below, so Swift still synthesises the unchecked memberwise
    // `init(year:month:day:)` for this module's own calendar arithmetic, and keeps it internal: other modules make a
    // DayStamp from a checked date or a day count, never 2026-02-30.
}

extension DayStamp {
    /// The day `year`-`month`-`day`, or nil when the calendar has no such day (2026-02-30, 2026-13-01).
    public init?(validYear year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...Self.daysIn(year: year, month: month)).contains(day) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day `days` after 1970-01-01 (proleptic Gregorian; Howard Hinnant's civil-from-days).
    public init(daysSince1970 days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01.
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Seconds since 1970 of a time of day on this day (UTC).
    public func secondsSince1970(hour: Int, minute: Int, second: Int) -> Int {
        daysSince1970 * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// `output-images/yyyyMMdd`: every darkroom key named on this day starts with it.
    public var prefix: String { DatedKey.root + yearText + DatedKey.pad(month, 2) + DatedKey.pad(day, 2) }
    /// `output-images/yyyyMM`.
    public var monthPrefix: String { DatedKey.root + yearText + DatedKey.pad(month, 2) }

    private var yearText: String { DatedKey.pad(year, 4) }

    /// The day before.
    public var previous: DayStamp { DayStamp(daysSince1970: daysSince1970 - 1) }

    public var description: String { "\(yearText)-\(DatedKey.pad(month, 2))-\(DatedKey.pad(day, 2))" }

    public static func < (lhs: DayStamp, rhs: DayStamp) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
