import DarkroomCore
import Foundation
import Testing

/// The numbers the app and the CLI print without Foundation's `String(format:)`, checked against it.
@Suite struct PrintfTextTests {
    @Test(arguments: [0, 0.05, 0.25, 7, 7.25, 7.35, 12.5, -3.75, 59.96, 1e300])
    func fixedIsPrintfsFixedPoint(value: Double) {
        for digits in [0, 1, 2] {
            #expect(PrintfText.fixed(value, digits: digits) == String(format: "%.\(digits)f", value))
        }
    }

    @Test func zeroPaddedIsPrintfsZeroFlag() {
        #expect(PrintfText.zeroPadded(5, width: 2) == String(format: "%02d", 5))
        #expect(PrintfText.zeroPadded(123, width: 2) == "123")
        #expect(PrintfText.zeroPadded(UInt32(0x1F), width: 4, radix: 16) == String(format: "%04x", 0x1F))
        #expect(PrintfText.zeroPadded(-7, width: 3) == String(format: "%03d", -7))
    }
}
