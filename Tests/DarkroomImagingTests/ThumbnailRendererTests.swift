import DarkroomTestSupport
import Testing

@testable import DarkroomImaging

struct ThumbnailRendererTests {
    static let red = RGB(r: 255, g: 0, b: 0), blue = RGB(r: 0, g: 0, b: 255), white = RGB(r: 255, g: 255, b: 255)
    static let black = RGB(r: 0, g: 0, b: 0)

    /// An opaque image from rows of colours.
    static func image(_ rows: [[RGB]]) -> RGBAImage {
        RGBAImage(width: rows[0].count, height: rows.count, pixels: rows.flatMap { $0.flatMap { [$0.r, $0.g, $0.b, 255] } })
    }

    @Test func halfBlocksPutTheTopPixelInTheForeground() {
        let renderer = ThumbnailRenderer(symbols: .half, colors: .truecolor)
        let grid = renderer.render(Self.image([[Self.red, Self.white], [Self.blue, Self.white]]), columns: 2, rows: 1)
        #expect(grid == CellGrid(columns: 2, rows: 1, cells: [
            Cell(glyph: "▀", foreground: .rgb(Self.red), background: .rgb(Self.blue)),
            Cell(glyph: " ", foreground: .rgb(Self.white), background: .rgb(Self.white)),
        ]))
    }

    @Test func quadrantsPickTheGlyphAndTwoColours() {
        let renderer = ThumbnailRenderer(symbols: .quad, colors: .xterm256)
        let grid = renderer.render(Self.image([
            [Self.white, Self.black, Self.red, Self.red],
            [Self.black, Self.white, Self.blue, Self.blue],
        ]), columns: 2, rows: 1)
        #expect(grid == CellGrid(columns: 2, rows: 1, cells: [
            Cell(glyph: "▞", foreground: .indexed(16), background: .indexed(231)),
            Cell(glyph: "▀", foreground: .indexed(196), background: .indexed(21)),
        ]))
    }

    @Test func everyQuadrantGlyphCanBeChosen() {
        let renderer = ThumbnailRenderer(symbols: .quad, colors: .truecolor)
        for mask in 1..<15 {
            let pixels = (0..<4).map { mask & (1 << $0) != 0 ? Self.white : Self.black }
            let cell = renderer.render(Self.image([[pixels[0], pixels[1]], [pixels[2], pixels[3]]]), columns: 1, rows: 1)[column: 0, row: 0]
            let shown = cell.foreground == .rgb(Self.white) ? cell.glyph : BlockGlyphs.inverse[cell.glyph]
            #expect(shown == BlockGlyphs.quadrants[mask], "mask \(mask)")
        }
    }

    @Test func transparencyShowsTheBackground() {
        let renderer = ThumbnailRenderer(symbols: .half, colors: .truecolor, background: RGB(r: 10, g: 20, b: 30))
        let transparent = RGBAImage(width: 1, height: 2, pixels: [255, 255, 255, 0, 255, 255, 255, 128])
        let cell = renderer.render(transparent, columns: 1, rows: 1)[column: 0, row: 0]
        #expect(cell == Cell(glyph: "▀", foreground: .rgb(RGB(r: 10, g: 20, b: 30)), background: .rgb(RGB(r: 133, g: 138, b: 143))))
    }

    @Test func asciiUsesTheDensityRamp() {
        let greys = [0, 60, 130, 255].map { RGB(r: UInt8($0), g: UInt8($0), b: UInt8($0)) }
        let grid = ThumbnailRenderer(symbols: .ascii, colors: .none, cellAspect: 1).render(Self.image([greys]), columns: 4, rows: 1)
        #expect(grid.glyphLines == [" :+@"])
        #expect(grid.cells.allSatisfy { $0.foreground == .terminalDefault && $0.background == .terminalDefault })
    }

    @Test func withoutColourBlocksFollowBrightness() {
        let image = Self.image([[Self.white, Self.black, Self.white], [Self.black, Self.white, Self.white]])
        #expect(ThumbnailRenderer(symbols: .half, colors: .none).render(image, columns: 3, rows: 1).glyphLines == ["▀▄█"])
        let quad = ThumbnailRenderer(symbols: .quad, colors: .none).render(Self.image([[Self.white, Self.black], [Self.black, Self.white]]), columns: 1, rows: 1)
        #expect(quad.glyphLines == ["▚"])
    }

    /// Without colour a fixed cut at mid grey drew a dark picture as nothing at all (and a bright one as solid).
    /// The cut is the one that best splits the picture's own brightness: a dim square on a darker ground shows.
    @Test func withoutColourADarkPictureShowsItsShapes() {
        let ground = RGB(r: 20, g: 20, b: 20), square = RGB(r: 70, g: 70, b: 70)
        let image = Self.image((0..<8).map { y in (0..<8).map { x in (2..<6).contains(x) && (2..<6).contains(y) ? square : ground } })
        let grid = ThumbnailRenderer(symbols: .half, colors: .none).render(image, columns: 8, rows: 4)
        #expect(grid.glyphLines == ["        ", "  ████  ", "  ████  ", "        "])
        // One brightness throughout keeps the mid-grey cut: a bright blank is solid, a dark one empty.
        #expect(ThumbnailRenderer(symbols: .half, colors: .none).render(Self.image([[square, square]]), columns: 2, rows: 1).glyphLines == ["  "])
        let white = RGB(r: 255, g: 255, b: 255)
        #expect(ThumbnailRenderer(symbols: .half, colors: .none).render(Self.image([[white, white], [white, white]]), columns: 2, rows: 1).glyphLines == ["██"])
    }

    /// On a light terminal the foreground is dark: without colour the dark parts are drawn, and the ASCII ramp
    /// grows denser with darkness. It drew a negative: the bright parts in the dark foreground.
    @Test func onALightBackgroundAPictureWithoutColourIsNotANegative() {
        let paper = RGB(r: 250, g: 250, b: 245)
        let image = Self.image([[Self.white, Self.black, Self.white], [Self.black, Self.white, Self.white]])
        #expect(ThumbnailRenderer(symbols: .half, colors: .none, background: paper).render(image, columns: 3, rows: 1).glyphLines == ["▄▀ "])
        let quad = Self.image([[Self.white, Self.black], [Self.black, Self.white]])
        #expect(ThumbnailRenderer(symbols: .quad, colors: .none, background: paper).render(quad, columns: 1, rows: 1).glyphLines == ["▞"])
        let greys = [0, 60, 130, 255].map { RGB(r: UInt8($0), g: UInt8($0), b: UInt8($0)) }
        let white = RGB(r: 255, g: 255, b: 255)
        let ascii = ThumbnailRenderer(symbols: .ascii, colors: .none, cellAspect: 1, background: white).render(Self.image([greys]), columns: 4, rows: 1)
        #expect(ascii.glyphLines == ["@#= "])
        // A transparent picture is the terminal's own background: nothing drawn.
        let clear = RGBAImage(width: 2, height: 2, pixels: [UInt8](repeating: 0, count: 16))
        #expect(ThumbnailRenderer(symbols: .half, colors: .none, background: paper).render(clear, columns: 2, rows: 1).glyphLines == ["  "])
    }

    @Test func aspectIsKeptWithTallCells() {
        let renderer = ThumbnailRenderer(symbols: .half, colors: .truecolor)
        #expect(renderer.fittedSize(imageWidth: 1024, imageHeight: 1024, columns: 80, rows: 40) == (80, 40))
        #expect(renderer.fittedSize(imageWidth: 1024, imageHeight: 1024, columns: 200, rows: 40) == (80, 40))
        #expect(renderer.fittedSize(imageWidth: 200, imageHeight: 100, columns: 80, rows: 40) == (80, 20))
        #expect(renderer.fittedSize(imageWidth: 100, imageHeight: 400, columns: 80, rows: 40) == (20, 40))
        let squareCells = ThumbnailRenderer(symbols: .half, colors: .truecolor, cellAspect: 1)
        #expect(squareCells.fittedSize(imageWidth: 1024, imageHeight: 1024, columns: 80, rows: 40) == (40, 40))
        #expect(renderer.render(Self.image([[Self.red]]), columns: 0, rows: 10).cells.isEmpty)
    }

    @Test(arguments: [
        "images/coffee_1024_rgba.png", "images/astronaut_1024_rgb.png", "pngsuite/png/basi6a08.png", "pngsuite/png/basi2c08.png",
        "pngsuite/png/tbbn3p08.png", "pngsuite/png/basn0g04.png", "pngsuite/png/basn3p08.png", "pngsuite/png/basn2c16.png",
    ])
    func streamingFromPNGMatchesDecodingFirst(_ file: String) throws {
        let bytes = try TestData.bytes(file)
        for symbols in SymbolSet.allCases {
            let renderer = ThumbnailRenderer(symbols: symbols, colors: .xterm256, background: RGB(r: 40, g: 40, b: 40))
            #expect(try renderer.render(png: bytes, columns: 37, rows: 19) == renderer.render(PNG.decode(bytes), columns: 37, rows: 19))
        }
    }

    @Test func streamingRefusesTruncatedFiles() throws {
        let bytes = try TestData.bytes("images/astronaut_1024_rgb.png")
        let renderer = ThumbnailRenderer(symbols: .half, colors: .xterm256)
        #expect(throws: PNGError.truncated) { try renderer.render(png: Array(bytes.prefix(bytes.count / 2)), columns: 80, rows: 40) }
    }
}

extension CellGrid {
    /// The glyphs of each row as text, without colours.
    var glyphLines: [String] {
        (0..<rows).map { row in String(cells[(row * columns)..<((row + 1) * columns)].map(\.glyph)) }
    }
}
