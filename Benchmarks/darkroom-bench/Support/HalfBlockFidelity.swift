import DarkroomImaging

/// Measures how faithfully half-block ANSI text (ours or chafa's) shows an image: the text is read
/// back into two colours per cell and compared with the image's area average at that resolution.
struct HalfBlockFidelity {
    /// The expected colours, `columns` × `2 * rows`, row-major.
    let reference: [RGB]
    let columns: Int
    let rows: Int

    /// The reference for an image shown in `columns`×`rows` half-block cells, composited over black.
    init(image: RGBAImage, columns: Int, rows: Int) {
        let small = image.resized(width: columns, height: rows * 2)
        reference = stride(from: 0, to: small.pixels.count, by: 4).map { offset in
            let alpha = Int(small.pixels[offset + 3])
            func channel(_ index: Int) -> UInt8 { UInt8((Int(small.pixels[offset + index]) * alpha + 127) / 255) }
            return RGB(r: channel(0), g: channel(1), b: channel(2))
        }
        self.columns = columns
        self.rows = rows
    }

    /// The root-mean-square sRGB distance between the reference and the colours the text shows
    /// (0 is perfect; cells the text leaves out count as black).
    func rmsError(of ansi: [UInt8]) -> Double {
        let shown = Self.decode(ansi, columns: columns, rows: rows)
        var total = 0.0
        for (expected, actual) in zip(reference, shown) {
            let dr = Double(expected.r) - Double(actual.r), dg = Double(expected.g) - Double(actual.g), db = Double(expected.b) - Double(actual.b)
            total += dr * dr + dg * dg + db * db
        }
        return (total / Double(reference.count)).squareRoot()
    }

    /// Replays SGR colour sequences and the glyphs ▀ ▄ █ and space into per-half-cell colours.
    static func decode(_ ansi: [UInt8], columns: Int, rows: Int) -> [RGB] {
        let black = RGB(r: 0, g: 0, b: 0)
        var shown = [RGB](repeating: black, count: columns * rows * 2)
        var foreground = TerminalColor.terminalDefault, background = TerminalColor.terminalDefault
        var row = 0, column = 0, index = 0
        let text = Array(String(decoding: ansi, as: UTF8.self).unicodeScalars)
        while index < text.count {
            let scalar = text[index]
            index += 1
            if scalar == "\u{1B}", index < text.count, text[index] == "[" {
                var parameters = ""
                index += 1
                while index < text.count, text[index] != "m", text[index].value < 0x40 || text[index] == ";" {
                    parameters.unicodeScalars.append(text[index])
                    index += 1
                }
                let isSGR = index < text.count && text[index] == "m"
                index += 1
                if isSGR { apply(parameters, foreground: &foreground, background: &background) }
                continue
            }
            if scalar == "\n" {
                row += 1
                column = 0
                continue
            }
            guard row < rows, column < columns else { continue }
            let top = foreground.approximateRGB ?? black, bottom = background.approximateRGB ?? black
            let base = row * 2 * columns + column
            switch scalar {
            case "▀": (shown[base], shown[base + columns]) = (top, bottom)
            case "▄": (shown[base], shown[base + columns]) = (bottom, top)
            case "█": (shown[base], shown[base + columns]) = (top, top)
            default: (shown[base], shown[base + columns]) = (bottom, bottom)
            }
            column += 1
        }
        return shown
    }

    private static func apply(_ parameters: String, foreground: inout TerminalColor, background: inout TerminalColor) {
        var values = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }[...]
        while let value = values.popFirst() {
            switch value {
            case 0:
                foreground = .terminalDefault
                background = .terminalDefault
            case 30...37: foreground = .indexed(UInt8(value - 30))
            case 90...97: foreground = .indexed(UInt8(value - 82))
            case 40...47: background = .indexed(UInt8(value - 40))
            case 100...107: background = .indexed(UInt8(value - 92))
            case 39: foreground = .terminalDefault
            case 49: background = .terminalDefault
            case 38, 48:
                let color: TerminalColor
                if values.first == 5, values.count >= 2 {
                    color = .indexed(UInt8(clamping: values.dropFirst().first ?? 0))
                    values = values.dropFirst(2)
                } else if values.first == 2, values.count >= 4 {
                    let channels = values.dropFirst().prefix(3).map { UInt8(clamping: $0) }
                    color = .rgb(RGB(r: channels[0], g: channels[1], b: channels[2]))
                    values = values.dropFirst(4)
                } else {
                    continue
                }
                if value == 38 { foreground = color } else { background = color }
            default:
                continue
            }
        }
    }
}
