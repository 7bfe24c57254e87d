import Testing
import DarkroomImaging
@testable import DarkroomTUI

@Suite struct WidgetTests {
    let unicode = Theme(colorMode: .xterm256, unicode: true)
    let ascii = Theme(colorMode: .none, unicode: false)

    /// A half-block picture enlarges by its half-cell samples: a cell's top and bottom colours become bands, not
    /// stripes repeated in every enlarged cell. Other glyphs (quadrants, ASCII) would enlarge into noise: none.
    @Test func aHalfBlockPictureEnlargesByItsSamples() throws {
        let red = TerminalColor.indexed(196), blue = TerminalColor.indexed(21), green = TerminalColor.indexed(46)
        let picture = CellPicture(columns: 2, rows: 1, cells: [
            ScreenCell(glyph: "▀", style: Style(foreground: red, background: blue)),
            ScreenCell(glyph: " ", style: Style(foreground: green, background: green)),
        ])
        let enlarged = try #require(picture.enlarged(columns: 4, rows: 2))
        func uniform(_ color: TerminalColor) -> ScreenCell { ScreenCell(glyph: " ", style: Style(foreground: color, background: color)) }
        #expect(enlarged.cells == [uniform(red), uniform(red), uniform(green), uniform(green),
                                   uniform(blue), uniform(blue), uniform(green), uniform(green)])
        // Three times as tall: the middle row carries the edge between the two colours as one half block.
        let tall = try #require(picture.enlarged(columns: 2, rows: 3))
        #expect(tall.cells[2] == ScreenCell(glyph: "▀", style: Style(foreground: red, background: blue)))
        let quadrants = CellPicture(columns: 1, rows: 1, cells: [ScreenCell(glyph: "▞", style: Style(foreground: red, background: blue))])
        #expect(quadrants.enlarged(columns: 4, rows: 2) == nil)
    }

    @Test func panelsDrawABorderAndTitleAndReturnTheirInside() {
        var buffer = CellBuffer(width: 12, height: 4)
        let inner = Panel.draw("Jobs", in: buffer.area, focused: false, theme: unicode, into: &buffer)
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 2))
        #expect(buffer.lines == [
            "┌─ Jobs ───┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
    }

    @Test func asciiPanelsForNonUnicodeLocales() {
        var buffer = CellBuffer(width: 12, height: 3)
        Panel.draw("Gallery", in: buffer.area, focused: true, theme: ascii, into: &buffer)
        #expect(buffer.lines == ["+- Gal... -+", "|          |", "+----------+"])
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1_000, "1,000"), (12_345, "12,345"), (100_000, "100,000"), (1_234_567, "1,234,567"),
                      (-1_234, "-1,234"), (Int.min, "-9,223,372,036,854,775,808")])
    func countsAreGroupedByThreeDigitsWithCommas(count: Int, text: String) {
        #expect(Counted.grouped(count) == text)
    }

    @Test func slidersFillInProportionToTheValue() {
        #expect(SliderBar.parts(value: 7, bounds: 0...35, width: 10, theme: unicode) == ("━━", "────────"))
        #expect(SliderBar.parts(value: 150, bounds: 10...150, width: 4, theme: ascii) == ("####", ""))
        #expect(SliderBar.parts(value: -3, bounds: 0...10, width: 3, theme: ascii) == ("", "---"))
    }

    @Test func aSlidersFilledPartTakesItsStyleAndTheRestIsDim() {
        var buffer = CellBuffer(width: 12, height: 1)
        let drawn = SliderBar.draw(value: 5, bounds: 0...10, width: 10, x: 1, y: 0, style: unicode.accent, theme: unicode, into: &buffer)
        #expect(drawn == 10)
        #expect((1...5).allSatisfy { buffer[$0, 0].glyph == "━" && buffer[$0, 0].style == unicode.accent })
        #expect((6...10).allSatisfy { buffer[$0, 0].glyph == "─" && buffer[$0, 0].style == unicode.dim })
        #expect(buffer[0, 0].glyph == " " && buffer[11, 0].glyph == " ")
    }

    @Test func scrollingKeepsTheSelectionVisible() {
        #expect(ScrollWindow.offset(selection: 0, visibleRows: 5, count: 3, previousOffset: 0) == 0)
        #expect(ScrollWindow.offset(selection: 7, visibleRows: 5, count: 100, previousOffset: 0) == 3)
        #expect(ScrollWindow.offset(selection: 5, visibleRows: 5, count: 100, previousOffset: 3) == 3)
        #expect(ScrollWindow.offset(selection: 1, visibleRows: 5, count: 100, previousOffset: 3) == 1)
        #expect(ScrollWindow.offset(selection: 99, visibleRows: 5, count: 100, previousOffset: 200) == 95)
    }

    @Test func wrappingBreaksAtWordsAndSplitsLongWords() {
        #expect(TextWrap.lines("a cat running a marathon", width: 10) == ["a cat", "running a", "marathon"])
        #expect(TextWrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWrap.lines("猫猫猫", width: 4) == ["猫猫", "猫"])
        #expect(TextWrap.lines("one\ntwo", width: 10) == ["one", "two"])
        // A character wider than the line gets a line of its own, with no empty line before it.
        #expect(TextWrap.lines("猫", width: 1) == ["猫"])
    }

    /// A Japanese prompt breaks between characters, each two columns wide, and no line starts with the comma.
    @Test func japaneseNeverStartsALineWithClosingPunctuation() {
        #expect(TextWrap.lines("夕暮れの灯台、金色の光", width: 12) == ["夕暮れの灯", "台、金色の光"])
        #expect(TextWrap.lines("夕暮れの灯台。", width: 12) == ["夕暮れの灯", "台。"])
    }

    /// A line never starts with the separator: it ends the line before (the preview's facts read "… cfg 7 ·", then
    /// "local preview engine"); it used to begin the next one ("· local preview").
    @Test func theSeparatorStaysWithTheWordBeforeIt() {
        let facts = "30 steps · cfg 7 · local preview engine"
        #expect(TextWrap.lines(facts, width: 18) == ["30 steps · cfg 7 ·", "local preview", "engine"])
        #expect(TextWrap.lines(facts, width: 16) == ["30 steps · cfg", "7 · local", "preview engine"])
        #expect(TextWrap.lines("· first", width: 3) == ["·", "fir", "st"])
    }

    /// A list of facts breaks between facts, so a label stays with its value; a fact wider than a line goes by
    /// words (a key after its slash) and the next fact follows it on its last line.
    @Test func factsBreakBetweenFacts() {
        let facts = ["SDXL 1.0", "1024x1024", "seed 3571662306", "30 steps", "cfg 7", "local preview engine"]
        #expect(TextWrap.lines(facts: facts, width: 29) == ["SDXL 1.0 · 1024x1024 ·", "seed 3571662306 · 30 steps ·", "cfg 7 · local preview engine"])
        #expect(TextWrap.lines(facts: ["output-images/20261202T105704Z-1.png", "167 KB", "2026-12-02 10:57 UTC"], width: 29)
                == ["output-images/", "20261202T105704Z-1.png ·", "167 KB · 2026-12-02 10:57 UTC"])
        #expect(TextWrap.lines(facts: ["one"], width: 10) == ["one"])
        #expect(TextWrap.lines(facts: [], width: 10).isEmpty)
    }
}
