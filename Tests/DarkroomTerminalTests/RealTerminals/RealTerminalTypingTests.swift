import DarkroomImaging
import DarkroomTUI
import DarkroomTerminal
import DarkroomTestSupport
import Foundation
import Testing

/// Images arriving while the prompt shows the cursor, in xterm's sixel: each new image shifts every gallery tile,
/// and every tile is drawn again while the cursor is visible. No tile may come out with its top-left cell painted
/// over by the terminal (its background, or its cursor). Before the cursor was hidden while pictures are drawn,
/// 7 tiles in 16 screenshots had such a notch. Nested in `RealTerminalTests` (serialized).
extension RealTerminalTests {
    @Suite struct ImagesArriveWhileTyping {
        typealias Walk = AppWalk
        static let generations = 8

        /// Whether the top-left cell of the picture drawn in `box` is all the terminal's own black or white (a blank
        /// cell or the cursor) rather than the picture; nil when no picture is drawn there.
        static func cornerIsPaintedOver(_ screen: RGBAImage, box: ScreenScore.Rectangle, cell: PixelSize) -> Bool? {
            let crop = ScreenScore.crop(screen, box)
            guard let picture = ScreenScore.pictureRectangle(in: crop),
                  picture.width >= cell.width, picture.height >= cell.height else { return nil }
            var plain = 0
            for y in picture.y..<(picture.y + cell.height) {
                for x in picture.x..<(picture.x + cell.width) {
                    let channels = crop.pixels[((y * crop.width + x) * 4)...].prefix(3)
                    if channels.allSatisfy({ $0 == 0 }) || channels.allSatisfy({ $0 == 255 }) { plain += 1 }
                }
            }
            return plain * 10 >= cell.width * cell.height * 9
        }

        @Test(.enabled(if: Walk.missing == nil && XDisplay.missing(["xterm"]) == nil, "\(Walk.missing ?? XDisplay.missing(["xterm"]) ?? "")"))
        func tilesKeepTheirCornersInXtermVT340() async throws {
            let (checked, notches, context) = try await OffThePool.run { () throws -> (Int, [String], String) in
                let app = try AppInTerminal(label: "xterm-vt340-typing", images: [Walk.first],
                                            terminal: Walk.xterm(vt340: true, columns: 110, rows: 34))
                defer { app.stop() }
                // Typed only once the app has painted: keys sent while it probes the terminal would be lost.
                try app.waitForScore(in: app.previewBox(), against: Walk.first) { $0 < Walk.pixelThreshold }
                try app.type("a lighthouse at dusk")
                let layout = Layout(width: app.columns, height: app.rows)
                let boxes = [app.previewBox()] + (0..<layout.gridRows).flatMap { row in
                    (0..<layout.gridColumns).map { app.pixels(layout.tilePicture(column: $0, row: row)) }
                }
                var checked = 0
                var notches: [String] = []
                for generation in 1...Self.generations {
                    try app.press("Return")
                    Thread.sleep(forTimeInterval: 1.5)
                    let screen = try app.screenshot()
                    for (index, box) in boxes.enumerated() {
                        guard let paintedOver = Self.cornerIsPaintedOver(screen, box: box, cell: app.cell) else { continue }
                        checked += 1
                        if paintedOver { notches.append("generation \(generation), box \(index) \(box): \(app.lastScreenshot)") }
                    }
                }
                return (checked, notches, "stderr: \(app.standardError); last screenshot \(app.lastScreenshot)")
            }
            #expect(checked >= Self.generations * 2, "pictures were drawn in the preview and the tiles (\(checked) found); \(context)")
            #expect(notches.isEmpty, "pictures with their top-left cell painted over: \(notches)")
        }
    }
}
