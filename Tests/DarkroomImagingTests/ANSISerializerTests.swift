import Testing

@testable import DarkroomImaging

struct ANSISerializerTests {
    static let red = TerminalColor.indexed(196), blue = TerminalColor.indexed(21)

    static func text(_ grid: CellGrid, _ colors: ColorMode) -> String {
        String(decoding: ANSISerializer.serialize(grid, colors: colors), as: UTF8.self)
    }

    @Test func coloursAreSentOnlyWhenTheyChange() {
        let grid = CellGrid(columns: 3, rows: 1, cells: [
            Cell(glyph: "▀", foreground: Self.red, background: Self.blue),
            Cell(glyph: "▀", foreground: Self.red, background: Self.blue),
            Cell(glyph: " ", foreground: Self.blue, background: Self.blue),
        ])
        #expect(Self.text(grid, .xterm256) == "\u{1B}[38;5;196;48;5;21m▀▀ \u{1B}[0m\n")
    }

    @Test func invertedGlyphReusesTheCurrentColours() {
        let grid = CellGrid(columns: 3, rows: 1, cells: [
            Cell(glyph: "▀", foreground: Self.red, background: Self.blue),
            Cell(glyph: "▀", foreground: Self.blue, background: Self.red),
            Cell(glyph: "▘", foreground: Self.blue, background: Self.red),
        ])
        #expect(Self.text(grid, .xterm256) == "\u{1B}[38;5;196;48;5;21m▀▄▟\u{1B}[0m\n")
    }

    @Test func onlyTheChangedColourIsSent() {
        let grid = CellGrid(columns: 2, rows: 1, cells: [
            Cell(glyph: "▀", foreground: Self.red, background: Self.blue),
            Cell(glyph: "▀", foreground: .indexed(226), background: Self.blue),
        ])
        #expect(Self.text(grid, .xterm256) == "\u{1B}[38;5;196;48;5;21m▀\u{1B}[38;5;226m▀\u{1B}[0m\n")
    }

    @Test func basicColoursUseShortCodes() {
        let grid = CellGrid(columns: 1, rows: 1, cells: [Cell(glyph: "▀", foreground: .indexed(1), background: .indexed(9))])
        #expect(Self.text(grid, .ansi16) == "\u{1B}[31;101m▀\u{1B}[0m\n")
    }

    @Test func truecolorWritesRGB() {
        let grid = CellGrid(columns: 1, rows: 1, cells: [
            Cell(glyph: "▄", foreground: .rgb(RGB(r: 1, g: 22, b: 255)), background: .rgb(RGB(r: 0, g: 100, b: 9))),
        ])
        #expect(Self.text(grid, .truecolor) == "\u{1B}[38;2;1;22;255;48;2;0;100;9m▄\u{1B}[0m\n")
    }

    @Test func everyLineStartsFreshAndEndsWithAReset() {
        let cell = Cell(glyph: " ", foreground: Self.red, background: Self.red)
        let grid = CellGrid(columns: 1, rows: 2, cells: [cell, cell])
        #expect(Self.text(grid, .xterm256) == "\u{1B}[48;5;196m \u{1B}[0m\n\u{1B}[48;5;196m \u{1B}[0m\n")
    }

    @Test func defaultColoursNeedNoEscapes() {
        let grid = CellGrid(columns: 2, rows: 1, cells: [Cell.blank, Cell(glyph: "@", foreground: .terminalDefault, background: .terminalDefault)])
        #expect(Self.text(grid, .xterm256) == " @\n")
        let colourThenDefault = CellGrid(columns: 2, rows: 1, cells: [
            Cell(glyph: "#", foreground: Self.red, background: .terminalDefault),
            Cell(glyph: "#", foreground: .terminalDefault, background: .terminalDefault),
        ])
        #expect(Self.text(colourThenDefault, .xterm256) == "\u{1B}[38;5;196m#\u{1B}[39m#\n")
    }

    @Test func noColourModeWritesGlyphsOnly() {
        let grid = CellGrid(columns: 2, rows: 1, cells: [
            Cell(glyph: "▀", foreground: Self.red, background: Self.blue), Cell(glyph: "▄", foreground: Self.red, background: Self.blue),
        ])
        #expect(Self.text(grid, .none) == "▀▄\n")
    }
}
