import DarkroomCore
import DarkroomImaging
@testable import DarkroomSweeps
import Testing

@Suite struct ContactSheetTests {
    /// Six cells of clearly different colours, so each tile can be told apart.
    static let colours: [RGB] = [
        RGB(r: 200, g: 30, b: 30), RGB(r: 30, g: 160, b: 40), RGB(r: 40, g: 60, b: 210),
        RGB(r: 220, g: 180, b: 20), RGB(r: 150, g: 40, b: 170), RGB(r: 20, g: 170, b: 170),
    ]

    static func manifest() throws -> SweepManifest {
        let plan = try SweepPlan.make(base: GenerationParameters(prompt: "a lighthouse", seed: 42),
                                      axes: [try .parse("cfg_scale=4,7,10"), try .parse("steps=20,30")])
        return SweepManifest(plan: plan, id: "20261130T060000Z-42-0000abcd")
    }

    static func darkPixels(in rect: PixelRect, of image: RGBAImage) -> Int {
        var count = 0
        for y in rect.y..<(rect.y + rect.height) {
            for x in rect.x..<(rect.x + rect.width) {
                let offset = (y * image.width + x) * 4
                if Int(image.pixels[offset]) + Int(image.pixels[offset + 1]) + Int(image.pixels[offset + 2]) < 3 * 128 { count += 1 }
            }
        }
        return count
    }

    @Test func sheetDecodesWithThreeByTwoTilesAndLabelsInTheMargins() throws {
        let manifest = try Self.manifest()
        let images = Self.colours.map { RGBAImage(width: 64, height: 64, filledWith: $0.r, $0.g, $0.b) }
        let sheet = ContactSheet(tile: 96, fontSize: 14, fonts: try FontFace.systemFonts())
        let bytes = try sheet.png(manifest: manifest, images: images)
        let decoded = try PNG.decode(bytes)
        let (_, layout) = try sheet.render(manifest: manifest, images: images)
        #expect(decoded.width == layout.width && decoded.height == layout.height)

        // 3 columns x 2 rows of tiles, each filled with its own cell's colour.
        #expect(layout.tiles.count == 6)
        #expect(Set(layout.tiles.map(\.x)).count == 3 && Set(layout.tiles.map(\.y)).count == 2)
        for (index, rect) in layout.tiles.enumerated() {
            let offset = ((rect.y + rect.height / 2) * decoded.width + rect.x + rect.width / 2) * 4
            let colour = Self.colours[index]
            #expect(abs(Int(decoded.pixels[offset]) - Int(colour.r)) < 4, "tile \(index)")
            #expect(abs(Int(decoded.pixels[offset + 1]) - Int(colour.g)) < 4, "tile \(index)")
            #expect(abs(Int(decoded.pixels[offset + 2]) - Int(colour.b)) < 4, "tile \(index)")
        }

        // Every column label (above the grid) and row label (left of it) has ink; the margins around it do not.
        let columnLabels = try #require(layout.columnLabels.first)
        #expect(columnLabels.count == 3)
        for rect in columnLabels { #expect(Self.darkPixels(in: rect, of: decoded) > 20) }
        let rowLabels = try #require(layout.rowLabels.first)
        #expect(rowLabels.count == 2)
        for rect in rowLabels { #expect(Self.darkPixels(in: rect, of: decoded) > 20) }
        #expect(Self.darkPixels(in: layout.caption, of: decoded) > 50)
        let topLeftCorner = PixelRect(x: 0, y: 0, width: rowLabels[0].x + rowLabels[0].width, height: columnLabels[0].y)
        #expect(Self.darkPixels(in: topLeftCorner, of: decoded) == 0)

        // Its own `parameters` chunk names the sweep.
        let chunks = try PNG.textChunks(in: bytes)
        let parameters = try #require(chunks.first { $0.keyword == "parameters" })
        #expect(parameters.text.hasPrefix("darkroom sweep 20261130T060000Z-42-0000abcd"))
        #expect(parameters.text.contains("X: cfg_scale = 4, 7, 10"))
        #expect(parameters.text.contains("Y: steps = 20, 30"))
    }

    @Test func cellsWithoutImagesShowTheirStatus() throws {
        var manifest = try Self.manifest()
        manifest.cells[4].status = .failed
        let images: [RGBAImage?] = Self.colours.enumerated().map { $0.offset == 4 ? nil : RGBAImage(width: 8, height: 8, filledWith: $0.element.r, $0.element.g, $0.element.b) }
        let sheet = ContactSheet(tile: 96, fontSize: 14, fonts: try FontFace.systemFonts())
        let (image, layout) = try sheet.render(manifest: manifest, images: images)
        // The empty tile is grey with the word "failed" in it.
        #expect(Self.darkPixels(in: layout.tiles[4], of: image) > 10)
        let corner = (layout.tiles[4].y * image.width + layout.tiles[4].x) * 4
        #expect(image.pixels[corner] == 225)
    }

    /// An S/R sweep's caption leaves out the prompt (the cells do not share it): the sheet names it and the word
    /// replaced, so the column labels read as what they are. A sweep of whole prompts has no prompt to name.
    @Test func anSRSweepsSheetNamesThePromptAndTheWordReplaced() throws {
        let base = GenerationParameters(prompt: "a lighthouse at dusk", seed: 3)
        let replacing = SweepManifest(plan: try SweepPlan.make(base: base, axes: [try .parse("S/R lighthouse,windmill")]),
                                      id: "20261130T060000Z-3-0000abcf")
        let sheet = ContactSheet(tile: 32, fonts: try FontFace.systemFonts())
        #expect(sheet.captionText(replacing)[1].hasPrefix("\"a lighthouse at dusk\" with lighthouse replaced · SDXL 1.0 · seed 3"),
                "\(sheet.captionText(replacing))")
        let prompts = SweepManifest(plan: try SweepPlan.make(base: base, axes: [try SweepAxis.prompts(fromFile: "a fox\na hare\n")]),
                                    id: "20261130T060000Z-3-0000abd0")
        #expect(sheet.captionText(prompts)[1].hasPrefix("SDXL 1.0 · seed 3"), "\(sheet.captionText(prompts))")
        #expect(try sheet.captionText(Self.manifest())[1].hasPrefix("\"a lighthouse\" · SDXL 1.0"))
    }

    @Test func aMissingFontIsAClearError() {
        #expect(throws: FontError.self) {
            try ContactSheet(tile: 32, fonts: FontFiles(primary: "/nonexistent/font.ttf")).render(manifest: try Self.manifest(), images: [])
        }
        let error = FontError.notFound(searched: ["/x.ttf"])
        #expect(error.description.contains("fonts-dejavu-core"))
    }

    @Test func aZAxisStacksOneLabelledGridPerValue() throws {
        let plan = try SweepPlan.make(base: GenerationParameters(prompt: "a pear", seed: 1),
                                      axes: [try .parse("cfg=4,8"), try .parse("steps=20"), try .parse("style=anime,origami")])
        let manifest = SweepManifest(plan: plan, id: "20261130T060000Z-1-0000abce")
        let images = (0..<4).map { _ in RGBAImage(width: 8, height: 8, filledWith: 90, 90, 90) }
        let (image, layout) = try ContactSheet(tile: 48, fontSize: 12, fonts: try FontFace.systemFonts()).render(manifest: manifest, images: images)
        #expect(layout.pageHeadings.count == 2 && layout.columnLabels.count == 2)
        #expect(layout.tiles[2].y > layout.tiles[0].y + 48)  // the second grid (origami) is below the first
        for heading in layout.pageHeadings { #expect(Self.darkPixels(in: heading, of: image) > 10) }
    }

    @Test func captionsWrapAsTheTerminalDoes() throws {
        let font = try FontFace(try FontFace.systemFonts(environment: [:]), pixelSize: 14)
        let width = font.width(of: "a lighthouse at dusk")
        #expect(ContactSheet.wrap(["a lighthouse at dusk over a calm sea"], font: font, width: width)
                == ["a lighthouse at dusk", "over a calm sea"])
        // The caption's separator stays with the fact before it, as in the terminal.
        #expect(ContactSheet.wrap(["a lighthouse at dusk · seed 3"], font: font, width: width) == ["a lighthouse at", "dusk · seed 3"])
        // Japanese is written without spaces: the prompt breaks between characters, every character kept.
        let japanese = "夕暮れの海辺に立つ灯台と静かな波の油絵"
        let lines = ContactSheet.wrap(["\"\(japanese)\" · seed 3"], font: font, width: width)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { font.width(of: $0) <= width }, "\(lines)")
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == "\"\(japanese)\"·seed3")
    }
}
