import DarkroomTestSupport
import DarkroomThreads
import Foundation
import Testing

@testable import DarkroomImaging

struct ResizeTests {
    @Test func halvingAveragesEachTwoByTwoBlock() {
        let image = RGBAImage(width: 2, height: 2, pixels: [
            0, 0, 0, 255, 100, 0, 0, 255,
            0, 200, 0, 255, 0, 0, 40, 255,
        ])
        #expect(image.resized(width: 1, height: 1).pixels == [25, 50, 10, 255])
    }

    @Test func transparentPixelsDoNotDarkenTheAverage() {
        let image = RGBAImage(width: 2, height: 1, pixels: [255, 0, 0, 255, 0, 0, 0, 0])
        #expect(image.resized(width: 1, height: 1).pixels == [255, 0, 0, 128])
    }

    @Test func unevenRatiosCoverEverySourcePixelOnce() {
        // 5 columns into 2: the boxes are columns 0–1 and 2–4.
        let image = RGBAImage(width: 5, height: 1, pixels: [10, 20, 30, 40, 50].flatMap { [UInt8($0), 0, 0, 255] })
        #expect(image.resized(width: 2, height: 1).pixels == [15, 0, 0, 255, 40, 0, 0, 255])
    }

    @Test func enlargingRepeatsPixels() {
        let image = RGBAImage(width: 2, height: 1, pixels: [10, 0, 0, 255, 20, 0, 0, 255])
        #expect(image.resized(width: 4, height: 2).pixels == [10, 10, 20, 20, 10, 10, 20, 20].flatMap { [UInt8($0), 0, 0, 255] })
    }

    /// Streaming rows into the downscaler gives what decoding whole and then resizing gives, for every
    /// colour type, bit depth and interlacing, tall or wide.
    @Test(arguments: ["basn2c08.png", "basn3p04.png", "basn6a16.png", "basi0g04.png", "basi6a08.png", "tbrn2c08.png"])
    func decodingScaledEqualsDecodingThenResizing(file: String) throws {
        let bytes = try TestData.bytes("pngsuite/png/\(file)")
        let whole = try PNG.decode(bytes)
        for longSide in [7, 16, 32, 64] {
            let scale = min(1, Double(longSide) / Double(max(whole.width, whole.height)))
            let expected = whole.resized(width: max(1, Int((Double(whole.width) * scale).rounded())),
                                         height: max(1, Int((Double(whole.height) * scale).rounded())))
            #expect(try PNG.decode(bytes, fittingLongSide: longSide) == expected, "\(file) at \(longSide)")
        }
    }

    /// Who reads rows ahead: a thread of its own, or nobody (a runner refused a thread, as a system out of them does).
    enum ReadAheadRunner: CaseIterable {
        case thread, refused

        var runner: PNG.BackgroundRunner {
            switch self {
            case .thread: { job in DetachedThread.start(job) }
            case .refused: { _ in false }
            }
        }
    }

    /// Reading rows ahead on a second thread, and handing out finished rows one by one, change nothing:
    /// the same pixels as the plain scaled decode (RGB rows for an opaque file without alpha, else RGBA). A runner
    /// that cannot start the reader gets the same pixels, read on the calling thread (waiting for a reader that
    /// never started would hang here).
    @Test(arguments: ["pngsuite/png/basn2c08.png", "pngsuite/png/basn6a16.png", "pngsuite/png/basi6a08.png", "pngsuite/png/tbrn2c08.png",
                      "images/coffee_1024_rgba.png"], ReadAheadRunner.allCases)
    func readAheadAndRowsEqualThePlainScaledDecode(file: String, readAhead: ReadAheadRunner) throws {
        let bytes = try TestData.bytes(file)
        let runner = readAhead.runner
        for (width, height) in [(7, 5), (32, 32), (50, 40), (13, 97)] {
            let expected = try PNG.decode(bytes, width: width, height: height)
            #expect(try PNG.decode(bytes, width: width, height: height, readAhead: runner) == expected, "\(file) \(width)x\(height)")
            var rows: [UInt8] = []
            var next = 0
            try PNG.decodeRows(bytes, width: width, height: height, readAhead: runner) { y, pixels, channels in
                #expect(y == next)
                next += 1
                for pixel in 0..<width {
                    rows += pixels[(pixel * channels)..<(pixel * channels + 3)]
                    rows.append(channels == 4 ? pixels[pixel * channels + 3] : 255)
                }
            }
            #expect(RGBAImage(width: width, height: height, pixels: rows) == expected, "\(file) rows \(width)x\(height)")
        }
        // A file cut short fails on either path, with the reader thread stopped.
        #expect(throws: PNGError.self) { try PNG.decode(Array(bytes.prefix(bytes.count * 2 / 3)), width: 8, height: 8, readAhead: runner) }
    }

    @Test func decodingScaledKeepsTheAspectRatioOfARealImage() throws {
        let small = try PNG.decode(TestData.bytes("images/astronaut_1024_rgb.png"), fittingLongSide: 256)
        #expect((small.width, small.height) == (256, 256))
        #expect(small.isOpaque)
    }

    @Test func sameSizeIsIdentity() {
        let image = PNGEncodeTests.gradient(width: 13, height: 7)
        let opaque = RGBAImage(width: 13, height: 7, pixels: image.pixels.enumerated().map { $0.offset % 4 == 3 ? 255 : $0.element })
        #expect(opaque.resized(width: 13, height: 7) == opaque)
    }
}
