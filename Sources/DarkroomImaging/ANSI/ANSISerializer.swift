/// Writes a cell grid as text with ANSI SGR colour sequences, using as few bytes as it can: a colour
/// is only sent when it changes, a colour the glyph does not show (the foreground of a space, the
/// background of a full block) is not sent, and a block glyph is swapped for its inverse when that
/// lets the colours already set be reused. Each line ends with a reset, so nothing leaks past it.
public enum ANSISerializer {
    private static let escape: [UInt8] = [0x1B, 0x5B]  // ESC [
    private static let reset: [UInt8] = [0x1B, 0x5B, 0x30, 0x6D]  // ESC [ 0 m

    /// The grid as UTF-8 text, one line per row, each ending in `\n`. With `.none`, glyphs only.
    public static func serialize(_ grid: CellGrid, colors: ColorMode) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(grid.columns * grid.rows * 12)
        for row in 0..<grid.rows {
            var foreground = TerminalColor.terminalDefault
            var background = TerminalColor.terminalDefault
            for column in 0..<grid.columns {
                var cell = grid[column: column, row: row]
                if colors != .none {
                    cell = cheaperOrientation(of: cell, foreground: foreground, background: background)
                    let sendForeground = showsForeground(cell.glyph) && cell.foreground != foreground
                    let sendBackground = showsBackground(cell.glyph) && cell.background != background
                    if sendForeground || sendBackground {
                        output += escape
                        if sendForeground {
                            appendParameters(of: cell.foreground, isForeground: true, to: &output)
                            foreground = cell.foreground
                        }
                        if sendBackground {
                            if sendForeground { output.append(0x3B) }
                            appendParameters(of: cell.background, isForeground: false, to: &output)
                            background = cell.background
                        }
                        output.append(0x6D)  // m
                    }
                }
                output += cell.glyph.utf8
            }
            if foreground != .terminalDefault || background != .terminalDefault { output += reset }
            output.append(0x0A)
        }
        return output
    }

    private static func showsForeground(_ glyph: Character) -> Bool { glyph != " " }
    private static func showsBackground(_ glyph: Character) -> Bool { glyph != BlockGlyphs.full }

    /// The cell as given, or its inverse (glyph and colours swapped) when that needs fewer colour
    /// changes. Default colours cannot be swapped: the terminal has no "default foreground" background.
    private static func cheaperOrientation(of cell: Cell, foreground: TerminalColor, background: TerminalColor) -> Cell {
        guard cell.foreground != .terminalDefault, cell.background != .terminalDefault,
              let inverseGlyph = BlockGlyphs.inverse[cell.glyph]
        else { return cell }
        let inverse = Cell(glyph: inverseGlyph, foreground: cell.background, background: cell.foreground)
        func changes(_ candidate: Cell) -> Int {
            (showsForeground(candidate.glyph) && candidate.foreground != foreground ? 1 : 0)
                + (showsBackground(candidate.glyph) && candidate.background != background ? 1 : 0)
        }
        return changes(inverse) < changes(cell) ? inverse : cell
    }

    private static func appendParameters(of color: TerminalColor, isForeground: Bool, to output: inout [UInt8]) {
        let base: Int = isForeground ? 30 : 40
        switch color {
        case .terminalDefault:
            appendDecimal(base + 9, to: &output)
        case .indexed(let index) where index < 8:
            appendDecimal(base + Int(index), to: &output)
        case .indexed(let index) where index < 16:
            appendDecimal(base + 60 + Int(index) - 8, to: &output)
        case .indexed(let index):
            appendDecimal(base + 8, to: &output)
            output += [0x3B, 0x35, 0x3B]  // ;5;
            appendDecimal(Int(index), to: &output)
        case .rgb(let rgb):
            appendDecimal(base + 8, to: &output)
            output += [0x3B, 0x32]  // ;2
            for channel in [rgb.r, rgb.g, rgb.b] {
                output.append(0x3B)
                appendDecimal(Int(channel), to: &output)
            }
        }
    }

    private static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value >= 100 { output.append(UInt8(0x30 + value / 100)) }
        if value >= 10 { output.append(UInt8(0x30 + value / 10 % 10)) }
        output.append(UInt8(0x30 + value % 10))
    }
}
