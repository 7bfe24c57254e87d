import DarkroomTestSupport
import Foundation
import Testing
@testable import DarkroomAWS

/// S3's two timestamp forms, read by hand for speed: exact where well-formed, nil (never a trap) where not. The
/// fuzz target found a listing whose ninety-digit fraction of a second overflowed the reader.
struct S3TimestampTests {
    @Test func readsBothFormsToTheSecondAndTheFraction() throws {
        let second = try #require(S3Timestamp.parseISO8601("2026-11-26T02:49:35Z"))
        #expect(second.timeIntervalSince1970 == 1_795_661_375)
        #expect(S3Timestamp.parseISO8601("2026-11-26T02:49:35.250Z")?.timeIntervalSince1970 == 1_795_661_375.25)
        #expect(S3Timestamp.parseHTTPDate("Thu, 26 Nov 2026 02:49:35 GMT") == second)
    }

    @Test func aLongFractionIsReadToTheNanosecond() throws {
        let long = try #require(S3Timestamp.parseISO8601("2026-11-26T02:49:35." + String(repeating: "3", count: 90) + "000Z"))
        #expect(abs(long.timeIntervalSince1970 - 1_795_661_375.333_333_333) < 1e-6)
        #expect(S3Timestamp.parseISO8601("2026-11-26T02:49:35." + String(repeating: "3", count: 30) + "x3Z") == nil)
    }

    @Test(arguments: [
        "2026-13-26T02:49:35Z", "2026-11-00T02:49:35Z", "2026-11-26T24:49:35Z", "2026-11-26T02:60:35Z", "0000-11-26T02:49:35Z",
    ])
    func fieldsOutOfRangeAreRefused(text: String) {
        #expect(S3Timestamp.parseISO8601(text) == nil)
    }

    @Test func aHeaderWithAnEnormousYearOrDayIsRefused() {
        #expect(S3Timestamp.parseHTTPDate("Thu, 26 Nov 99999999999 02:49:35 GMT") == nil)
        #expect(S3Timestamp.parseHTTPDate("Thu, 99999999999 Nov 2026 02:49:35 GMT") == nil)
        #expect(S3Timestamp.parseHTTPDate("Thu, 26 Nov 2026 99999999999:49:35 GMT") == nil)
    }

    @Test func theFuzzedListingIsReadWithItsTimeToTheNanosecond() throws {
        let found = try [UInt8](Data(contentsOf: TestData.packageRoot.appendingPathComponent("Tests/FuzzRegressions/s3-xml/long-fraction-of-a-second")))
        let page = try S3Client.parseListPage(found)
        let modified = try #require(page.objects.first?.lastModified.timeIntervalSince1970)
        #expect(page.objects.count == 1 && abs(modified - 1_795_661_375.333_333_333) < 1e-6)
    }
}
