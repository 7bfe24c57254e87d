import Testing
@testable import DarkroomGallery
import DarkroomTestSupport

/// Only names in darkroom's exact format are dated; everything else is foreign.
@Suite struct DatedKeyTests {
    @Test func darkroomNamesParseWithTheirTime() throws {
        let key = try #require(DatedKey("output-images/20261126T024935Z-428130558-4d235eb5.png"))
        #expect(key.year == 2026 && key.month == 11 && key.day == 26)
        #expect(key.seed == 428_130_558)
        #expect(key.seconds == Keys.seconds(2026, 11, 26, 2, 49, 35))
        #expect(DatedKey.startAfter(seconds: key.seconds) == "output-images/20261126T024935")
    }

    @Test(arguments: [
        "output-images/202611.png",                                   // the reference Lambda's HHMMSS.png
        "output-images/20261126T024935Z-428130558-4d235eb.png",      // 7 hex digits
        "output-images/20261126T024935Z-428130558-4D235EB5.png",     // upper-case hex
        "output-images/20261126T024935Z-4294967296-4d235eb5.png",    // seed past UInt32
        "output-images/20261126T024935Z-0428-4d235eb5.png",          // leading zero in the seed
        "output-images/20261131T024935Z-1-4d235eb5.png",             // 31 November
        "output-images/20260229T024935Z-1-4d235eb5.png",             // not a leap year
        "output-images/20261126T246035Z-1-4d235eb5.png",             // hour 24
        "output-images/20261126T024935Z-1-4d235eb5.png.bak",
        "output-images/20261126T024935Z-1-4d235eb5.jpg",
        "output-thumbnails/20261126T024935Z-1-4d235eb5.png",
        "output-images/sub/20261126T024935Z-1-4d235eb5.png",
        "output-images/20261126",
    ])
    func otherNamesAreForeign(name: String) {
        #expect(DatedKey(name) == nil)
    }

    @Test func leapDaysAndDayArithmeticRoundTrip() {
        #expect(DatedKey("output-images/20280229T000000Z-1-00000000.png") != nil)
        for days in [-1, 0, 1, 11_016, 20_513, 2_932_896] {
            #expect(DayStamp(daysSince1970: days).daysSince1970 == days)
        }
        #expect(DayStamp(year: 2026, month: 3, day: 1).previous == DayStamp(year: 2026, month: 2, day: 28))
    }
}
