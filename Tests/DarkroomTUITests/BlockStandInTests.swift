import DarkroomImaging
import DarkroomTerminal
import Testing
@testable import DarkroomTUI

/// While a tile's or the preview's pixels are on their way, its block picture stands in: it must cover the cells
/// the pixels will, or each picture jumps when they land. Block pictures were fitted to 1:2 cells whatever the font,
/// so in kitty's 9x20 cells a square tile's stand-in was 12 columns centred 2 cells in, its pixels 14 columns 1 cell in.
/// Blocks cover whole cells and pixels the cells they touch, so the two may still differ by one.
@Suite struct BlockStandInTests {
    @Test(arguments: [PixelSize(width: 9, height: 20), PixelSize(width: 8, height: 17), PixelSize(width: 10, height: 20),
                      PixelSize(width: 7, height: 15), PixelSize(width: 12, height: 22)])
    func aBlockPictureCoversTheCellsItsPixelsWill(cell: PixelSize) throws {
        let capabilities = TerminalCapabilities(colorMode: .truecolor, graphics: .kitty, cellPixels: cell)
        let theme = Theme(colorMode: .truecolor, unicode: true, cellAspect: capabilities.cellAspect)
        for (width, height) in [(64, 64), (112, 64), (64, 112)] {
            let png = try PNG.encode(RGBAImage(width: width, height: height, filledWith: 200, 100, 50))
            for (columns, rows) in [(16, 6), (30, 12), (58, 26)] {
                let blocks = theme.pictureRenderer.fittedSize(imageWidth: width, imageHeight: height, columns: columns, rows: rows)
                let key = PixelKey(key: "k", etag: "e", role: .tile, columns: columns, rows: rows, imageID: 7, budget: PixelPlan.imageBudget,
                                   cellPixels: cell)
                let placed = try PixelEncoding.encode(png: png, key: key, encoder: KittyEncoder(placeholders: false, tmux: false)).get()
                let shape = "\(width)x\(height) in \(columns)x\(rows) cells of \(cell)"
                #expect(abs(blocks.columns - placed.columns) <= 1, "\(shape): blocks \(blocks.columns) columns, pixels \(placed.columns)")
                #expect(abs(blocks.rows - placed.rows) <= 1, "\(shape): blocks \(blocks.rows) rows, pixels \(placed.rows)")
                #expect(abs((columns - blocks.columns) / 2 - placed.offset.x) <= 1, "\(shape): blocks start \((columns - blocks.columns) / 2) cells in, pixels \(placed.offset.x)")
            }
        }
    }
}
