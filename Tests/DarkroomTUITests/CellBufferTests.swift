import Testing
import DarkroomImaging
import DarkroomTerminal
@testable import DarkroomTUI

@Suite struct CellBufferTests {
    @Test func textIsClippedAtTheLimit() {
        var buffer = CellBuffer(width: 10, height: 2)
        let end = buffer.put("darkroom studio", x: 1, y: 0, limit: 8)
        #expect(end == 8)
        #expect(buffer.lines == [" darkroo", ""])
    }

    @Test func wideCharactersTakeTwoCellsAndNeverStraddleTheEdge() {
        var buffer = CellBuffer(width: 5, height: 1)
        let end = buffer.put("猫猫猫", x: 0, y: 0)
        #expect(end == 4)
        #expect(buffer[0, 0].width == 2)
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer.lines == ["猫猫"])
    }

    @Test func combiningMarksStayWithTheirBaseCharacter() {
        var buffer = CellBuffer(width: 6, height: 1)
        let end = buffer.put("e\u{301}te\u{301}t", x: 0, y: 0)
        #expect(end == 4)
        #expect(buffer.lines == ["étét"])
    }

    /// curses holds one spacing character per cell and counts its width alone: a cluster of several, or one
    /// widened by VS16, is stored as its first character, and the columns the layout gave it beyond that are blanks,
    /// so text drawn over older text leaves none of it behind.
    @Test func clustersCursesCannotHoldInOneCellKeepTheirColumnsAndLeaveNothingStale() {
        var buffer = CellBuffer(width: 20, height: 3)
        for row in 0..<3 { buffer.put(String(repeating: "e", count: 20), x: 0, y: row) }
        #expect(buffer.put("heart ❤️ end", x: 0, y: 0) == 12)
        #expect(buffer.put("🇯🇵 flag", x: 0, y: 1) == 6)
        #expect(buffer.put("👨‍👩‍👧 family", x: 0, y: 2) == 9)
        #expect(buffer.lines == ["heart ❤  end" + String(repeating: "e", count: 8), "🇯 flag" + String(repeating: "e", count: 14), "👨 family" + String(repeating: "e", count: 11)])
        for cell in buffer.cells {
            let spacing = cell.glyph.unicodeScalars.filter { TextWidth.of($0) > 0 }
            #expect(spacing.count == 1, "\(cell.glyph) holds one spacing character")
            #expect(!cell.glyph.unicodeScalars.contains { $0.properties.isVariationSelector || $0.properties.isJoinControl })
        }
        #expect(buffer[6, 0].glyph == "❤" && buffer[6, 0].width == 1 && buffer[7, 0].glyph == " " && !buffer[7, 0].isContinuation)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.put("猫", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)
        #expect(buffer.lines == [" x"])
        #expect(!buffer[1, 0].isContinuation)
    }

    @Test func diffListsOnlyChangedCells() {
        var before = CellBuffer(width: 8, height: 2)
        before.put("abc", x: 0, y: 0)
        var after = before
        after.put("X", x: 1, y: 1)
        #expect(after.changedIndices(since: before) == [9])
        #expect(after.changedIndices(since: nil).count == 16)
        #expect(CellBuffer(width: 4, height: 4).changedIndices(since: before).count == 16)
    }

    @Test func aChangedWideCharacterIsRedrawnFromItsLeadCell() {
        var before = CellBuffer(width: 4, height: 1)
        before.put("猫", x: 0, y: 0)
        var after = before
        after.put("犬", x: 0, y: 0)
        #expect(after.changedIndices(since: before) == [0])
    }

    @Test func restyleKeepsGlyphs() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.put("ab", x: 0, y: 0)
        buffer.restyle(Rect(x: 0, y: 0, width: 1, height: 1)) { $0.adding(.reverse) }
        #expect(buffer[0, 0].style.attributes == .reverse)
        #expect(buffer[1, 0].style.attributes == [])
        #expect(buffer.lines == ["ab"])
    }
}

@Suite struct CursesColorTests {
    @Test func coloursBecomeCursesNumbersForTheTerminalsMode() {
        let orange = TerminalColor.rgb(RGB(r: 255, g: 135, b: 0))
        #expect(orange.cursesNumber(in: .truecolor) == 0xFF8700)
        #expect(orange.cursesNumber(in: .none) == nil)
        #expect(TerminalColor.indexed(208).cursesNumber(in: .xterm256) == 208)
        #expect(TerminalColor.indexed(3).cursesNumber(in: .truecolor) == 3)
        #expect(TerminalColor.terminalDefault.cursesNumber(in: .ansi16) == -1)
    }

    @Test func coloursFromAnotherModeFallBackToTheDefault() {
        #expect(TerminalColor.rgb(RGB(r: 1, g: 2, b: 3)).cursesNumber(in: .xterm256) == -1)
        #expect(TerminalColor.indexed(12).cursesNumber(in: .ansi8) == -1)
    }

    @Test func pairsAreReusedUntilExhausted() {
        var allocator = ColorPairAllocator(capacity: 2)
        #expect(allocator.pair(foreground: -1, background: -1) == .existing(0))
        #expect(allocator.pair(foreground: 1, background: 2) == .new(1))
        #expect(allocator.pair(foreground: 1, background: 2) == .existing(1))
        #expect(allocator.pair(foreground: 3, background: 2) == .new(2))
        #expect(allocator.pair(foreground: 4, background: 2) == .exhausted)
        allocator.reset()
        #expect(allocator.pair(foreground: 4, background: 2) == .new(1))
    }
}

@Suite struct KeyDecoderTests {
    let decoder = KeyDecoder()

    private func decode(_ inputs: [KeyDecoder.RawInput]) -> KeyEvent? {
        var rest = inputs.dropFirst()
        guard let first = inputs.first, case .key(let key) = decoder.decode(first, next: { _ in rest.popFirst() }) else { return nil }
        return key
    }

    @Test func controlCharactersBecomeControlLetters() {
        #expect(decode([.character(1)]) == .ctrl("a"))
        #expect(decode([.character(23)]) == .ctrl("w"))
        #expect(decode([.character(9)]) == KeyEvent(.tab))
        #expect(decode([.character(13)]) == KeyEvent(.enter))
        // Enter sends CR; LF is Ctrl-J, which the prompt binds to a new line.
        #expect(decode([.character(10)]) == .ctrl("j"))
        #expect(decode([.character(127)]) == KeyEvent(.backspace))
    }

    @Test func escapeThenAKeyIsAlt() {
        #expect(decode([.character(27), .character(98)]) == .alt("b"))
        #expect(decode([.character(27)]) == KeyEvent(.escape))
    }

    /// Decodes a whole input stream as the screen does: one event per call, the rest read as `next`.
    private func decodeAll(_ text: String) -> [InputEvent] {
        var rest = text.unicodeScalars.map { KeyDecoder.RawInput.character($0.value) }[...]
        var events: [InputEvent] = []
        while let first = rest.popFirst() {
            if let event = decoder.decode(first, next: { _ in rest.popFirst() }) { events.append(event) }
        }
        return events
    }

    @Test func lateProbeRepliesAreReportsAndTheKeysAroundThemKept() {
        // kitty's answers to XTVERSION, the a=q query, CSI 16 t and DA1, arriving after the probe gave up.
        let replies = ["\u{1B}P>|kitty(0.26.5)\u{1B}\\", "\u{1B}_Gi=31;OK\u{1B}\\", "\u{1B}[6;20;9t", "\u{1B}[?62;c"]
        #expect(decodeAll("a" + replies.joined() + "q")
            == [.key(.char("a"))] + replies.map { .terminalReport(Array($0.utf8)) } + [.key(.char("q"))])
        // An OSC report ended by BEL, and a CSI report curses did not know as a key (a cursor position).
        #expect(decodeAll("\u{1B}]11;rgb:0000/0000/0000\u{07}\u{1B}[12;40Rx")
            == [.terminalReport(Array("\u{1B}]11;rgb:0000/0000/0000\u{07}".utf8)), .terminalReport(Array("\u{1B}[12;40R".utf8)), .key(.char("x"))])
    }

    /// Pasted text is one event, whatever it holds: its newline would otherwise submit and its letters run commands.
    @Test func aBracketedPasteIsOneEventOfText() {
        #expect(decodeAll("a\u{1B}[200~first\rsecond\tq\u{1B}[Ar\u{1B}[201~b")
            == [.key(.char("a")), .paste("first\rsecond\tq\u{1B}[Ar"), .key(.char("b"))])
        // A terminal that never sends the end: the paste ends with the input.
        #expect(decodeAll("\u{1B}[200~no end") == [.paste("no end")])
        // Past the limit the rest is read and dropped, still not as keys.
        let long = String(repeating: "q", count: KeyDecoder.maxPasteLength + 10)
        #expect(decodeAll("\u{1B}[200~" + long + "\u{1B}[201~x") == [.paste(String(long.prefix(KeyDecoder.maxPasteLength))), .key(.char("x"))])
    }

    @Test func altWithAReportIntroducerAloneIsStillAlt() {
        #expect(decode([.character(27), .character(UInt32(UInt8(ascii: "P")))]) == .alt("P"))
        #expect(decode([.character(27), .character(UInt32(UInt8(ascii: "[")))]) == .alt("["))
    }

    @Test func shiftedAndModifiedArrowsAreRecognised() {
        #expect(decode([.keyCode(0o611, name: "kLFT")]) == KeyEvent(.left, .shift))
        #expect(decode([.keyCode(0o541, name: "kcbt")]) == KeyEvent(.tab, .shift))
        #expect(decode([.keyCode(560, name: "kLFT5")]) == KeyEvent(.left, .control))
        #expect(decode([.keyCode(570, name: "kRIT3")]) == KeyEvent(.right, .alt))
        #expect(decode([.keyCode(580, name: "kUP2")]) == KeyEvent(.up, .shift))
    }

    @Test func keysAreNamedForTheHelpScreen() {
        #expect(KeyEvent.ctrl("a").description == "Ctrl-A")
        #expect(KeyEvent(.left, .shift).description == "Shift-Left")
        #expect(KeyEvent.char("?").description == "?")
    }
}

@Suite struct AsciiFrameTests {
    @Test func nonASCIIGlyphsGetLookAlikesOrQuestionMarks() {
        var buffer = CellBuffer(width: 12, height: 1)
        buffer.put("a·b…猫é", x: 0, y: 0)
        #expect(buffer.asciiOnly().lines == ["a-b~???"], "a wide glyph becomes two")
        #expect(buffer.asciiOnly().cells.allSatisfy { $0.width == 1 })
    }
}
