import DarkroomCore
import DarkroomImaging
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A sweep's images as one labelled PNG: the grid, axis values on the edges, the common parameters beneath.
public struct ContactSheet: Sendable {
    /// The long side of each tile in pixels.
    public var tile: Int
    /// Label text height in pixels.
    public var fontSize: Int
    /// The label fonts (DejaVu Sans and the installed fallbacks by default).
    public var fonts: FontFiles

    public init(tile: Int = 192, fontSize: Int = 15, fonts: FontFiles) {
        self.tile = max(16, tile)
        self.fontSize = max(6, fontSize)
        self.fonts = fonts
    }

    static let background = RGB(r: 255, g: 255, b: 255)
    static let ink = RGB(r: 20, g: 20, b: 20)
    static let faint = RGB(r: 110, g: 110, b: 110)
    static let emptyTile = RGB(r: 225, g: 225, b: 225)

    /// Renders the sheet for `manifest`; `images[i]` is cell i's image (nil where the cell has none).
    public func render(manifest: SweepManifest, images: [RGBAImage?]) throws(FontError) -> (image: RGBAImage, layout: ContactSheetLayout) {
        let font = try FontFace(fonts, pixelSize: fontSize)
        let gap = max(4, fontSize / 3)
        let padding = max(8, fontSize / 2)
        let labelHeight = font.lineHeight + 4
        let rowTexts = manifest.axes.count > 1 ? manifest.axes[1].values.map { Self.label(manifest.axes[1], $0) } : []
        // Row labels get what they need, up to the width of two tiles.
        let rowLabelWidth = min(2 * tile, rowTexts.map(font.width(of:)).max() ?? 0)
        let estimatedWidth = 2 * padding + (rowTexts.isEmpty ? 0 : rowLabelWidth + padding) + manifest.columns * tile + (manifest.columns - 1) * gap
        let captionLines = Self.wrap(captionText(manifest), font: font, width: estimatedWidth - 2 * padding)
        let layout = ContactSheetLayout(manifest: manifest, metrics: .init(
            tile: tile, gap: gap, padding: padding, labelHeight: labelHeight, rowLabelWidth: rowLabelWidth, captionLines: captionLines.count))

        let bg = Self.background
        var sheet = RGBAImage(width: layout.width, height: layout.height, filledWith: bg.r, bg.g, bg.b)
        let baselineOffset = (labelHeight - font.lineHeight) / 2 + font.ascender

        for (page, labels) in layout.columnLabels.enumerated() {
            if page < layout.pageHeadings.count, manifest.axes.count > 2 {
                let heading = layout.pageHeadings[page]
                font.draw(Self.label(manifest.axes[2], manifest.axes[2].values[page]), into: &sheet,
                          x: heading.x, baseline: heading.y + baselineOffset, color: Self.ink)
            }
            for (column, rect) in labels.enumerated() {
                let text = font.fitted(Self.label(manifest.axes[0], manifest.axes[0].values[column]), maxWidth: rect.width)
                let x = rect.x + max(0, (rect.width - font.width(of: text)) / 2)
                font.draw(text, into: &sheet, x: x, baseline: rect.y + baselineOffset, color: Self.ink)
            }
            if page < layout.rowLabels.count {
                for (row, rect) in layout.rowLabels[page].enumerated() {
                    let text = font.fitted(rowTexts[row], maxWidth: rect.width)
                    let x = rect.x + rect.width - font.width(of: text)
                    font.draw(text, into: &sheet, x: x, baseline: rect.y + rect.height / 2 - font.lineHeight / 2 + font.ascender, color: Self.ink)
                }
            }
        }

        for (index, rect) in layout.tiles.enumerated() {
            if index < images.count, let image = images[index], image.width > 0, image.height > 0 {
                let scale = min(Double(rect.width) / Double(image.width), Double(rect.height) / Double(image.height))
                let width = max(1, Int((Double(image.width) * scale).rounded()))
                let height = max(1, Int((Double(image.height) * scale).rounded()))
                let fitted = image.resized(width: width, height: height)
                Self.paste(fitted, into: &sheet, x: rect.x + (rect.width - width) / 2, y: rect.y + (rect.height - height) / 2)
            } else {
                Self.fill(rect, in: &sheet, color: Self.emptyTile)
                let note = index < manifest.cells.count ? manifest.cells[index].status.rawValue : "missing"
                font.draw(note, into: &sheet, x: rect.x + (rect.width - font.width(of: note)) / 2,
                          baseline: rect.y + rect.height / 2 + font.ascender / 2, color: Self.faint)
            }
        }

        for (line, text) in captionLines.enumerated() {
            font.draw(text, into: &sheet, x: layout.caption.x, baseline: layout.caption.y + line * labelHeight + baselineOffset,
                      color: line == 0 ? Self.ink : Self.faint)
        }
        return (sheet, layout)
    }

    /// The sheet as PNG bytes with a `parameters` text chunk naming the sweep.
    public func png(manifest: SweepManifest, images: [RGBAImage?]) throws -> [UInt8] {
        let (image, _) = try render(manifest: manifest, images: images)
        let bytes = try PNG.encode(image)
        let chunk = PNGTextChunk(keyword: ImageMetadata.parametersKeyword, text: Self.parametersText(manifest), kind: .iTXt)
        return try PNG.inserting(chunk, into: bytes)
    }

    /// The `parameters` chunk: which sweep this is, its caption and axes, and where its manifest is.
    public static func parametersText(_ manifest: SweepManifest) -> String {
        var lines = ["darkroom sweep \(manifest.id): contact sheet of \(manifest.cells.count) images", manifest.caption]
        for (name, axis) in zip(["X", "Y", "Z"], manifest.axes) {
            lines.append("\(name): \(axis.name) = \(axis.values.joined(separator: ", "))")
        }
        lines.append("Manifest: \(manifest.key)")
        return lines.joined(separator: "\n")
    }

    /// The caption: the sweep's name, then what every cell shares.
    func captionText(_ manifest: SweepManifest) -> [String] {
        // Pictures from the procedural engine say so wherever they appear.
        let preview = manifest.cells.contains { $0.engine == ImageMetadata.localPreviewEngine } ? " · local preview engine (procedural, not a diffusion model)" : ""
        // The caption lists what every cell shares, so an S/R sweep's prompt is not in it; without it the sheet would
        // show only the replacement words. The prompt as written names the word each column, row or grid replaces.
        let replaced = manifest.axes.first { $0.name == SweepAxis.searchReplaceName }?.values.first.map { "\"\(manifest.parameters.prompt)\" with \($0) replaced · " } ?? ""
        return ["darkroom sweep \(manifest.id)", replaced + manifest.caption + preview + (manifest.status == .cancelled ? " · cancelled" : "")]
    }

    /// A value as shown on an edge: `cfg_scale 7` for parameters, the text itself for S/R and prompts.
    static func label(_ axis: SweepManifest.Axis, _ value: String) -> String {
        axis.name == SweepAxis.searchReplaceName || axis.name == SweepAxis.promptsName ? value : "\(axis.name) \(value)"
    }

    /// Paragraphs wrapped to lines of at most `width` pixels, as the terminal wraps text (`LineBreaking`): between
    /// words, and between characters in a word wider than a line (Japanese, Chinese, a long URL).
    static func wrap(_ paragraphs: [String], font: FontFace, width: Int) -> [String] {
        paragraphs.flatMap { LineBreaking.lines($0) { font.width(of: $0) <= width } }
    }

    static func paste(_ image: RGBAImage, into sheet: inout RGBAImage, x: Int, y: Int) {
        for row in 0..<image.height {
            let target = y + row
            guard target >= 0, target < sheet.height else { continue }
            for column in 0..<image.width {
                let px = x + column
                guard px >= 0, px < sheet.width else { continue }
                let from = (row * image.width + column) * 4, to = (target * sheet.width + px) * 4
                let alpha = Int(image.pixels[from + 3])
                for channel in 0..<3 {
                    let over = Int(image.pixels[from + channel]), under = Int(sheet.pixels[to + channel])
                    sheet.pixels[to + channel] = UInt8((over * alpha + under * (255 - alpha) + 127) / 255)
                }
                sheet.pixels[to + 3] = 255
            }
        }
    }

    static func fill(_ rect: PixelRect, in sheet: inout RGBAImage, color: RGB) {
        for y in max(0, rect.y)..<min(sheet.height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(sheet.width, rect.x + rect.width) {
                let offset = (y * sheet.width + x) * 4
                sheet.pixels[offset] = color.r
                sheet.pixels[offset + 1] = color.g
                sheet.pixels[offset + 2] = color.b
                sheet.pixels[offset + 3] = 255
            }
        }
    }
}
