import DarkroomImaging
import DarkroomTerminal
import Testing

/// The reply parser reads what terminals really send after the query batch.
@Suite struct ReplyParserTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func kittyAnswersEverything() {
        let replies = TerminalReplies.parse(bytes("\u{1B}P>|kitty(0.26.5)\u{1B}\\\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[6;20;10t\u{1B}[?62;c"))
        #expect(replies.terminalVersion == "kitty(0.26.5)")
        #expect(replies.kitty == .ok)
        #expect(replies.cellPixels == PixelSize(width: 10, height: 20))
        #expect(replies.deviceAttributes == [62, 0])
        #expect(replies.isComplete)
        #expect(!replies.announcesSixel)
        #expect(replies.other.isEmpty)
    }

    @Test func xtermInVT340ModeAnnouncesSixel() {
        let replies = TerminalReplies.parse(bytes("\u{1B}P>|XTerm(379)\u{1B}\\\u{1B}[6;13;6t\u{1B}[?63;1;2;4;6;9;15;22c"))
        #expect(replies.terminalVersion == "XTerm(379)")
        #expect(replies.kitty == nil)
        #expect(replies.announcesSixel)
        #expect(replies.cellPixels == PixelSize(width: 6, height: 13))
    }

    /// OSC 11's answer as xterm (4 hex digits a channel, ST), VTE (BEL), rxvt (`rgba:`) and others (2 digits) send it.
    @Test func theBackgroundColourIsRead() {
        let xterm = TerminalReplies.parse(bytes("\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\\u{1B}[?63;4c"))
        #expect(xterm.background == RGB(r: 255, g: 255, b: 255))
        #expect(xterm.other.isEmpty && xterm.isComplete)
        #expect(TerminalReplies.parse(bytes("\u{1B}]11;rgb:2e2e/3434/4040\u{07}\u{1B}[?62c")).background == RGB(r: 46, g: 52, b: 64))
        #expect(TerminalReplies.parse(bytes("\u{1B}]11;rgba:0000/8080/ffff/ffff\u{07}")).background == RGB(r: 0, g: 128, b: 255))
        #expect(TerminalReplies.parse(bytes("\u{1B}]11;rgb:fd/f6/e3\u{1B}\\")).background == RGB(r: 253, g: 246, b: 227))
        #expect(TerminalReplies.parse(bytes("\u{1B}]11;rgb:f/0/8\u{1B}\\")).background == RGB(r: 255, g: 0, b: 136))
    }

    /// Anything else in an OSC string is no colour: no background is made up from it.
    @Test(arguments: ["11;?", "11;rgb:ffff/ffff", "11;rgb:fffff/0/0", "11;rgb:gg/00/00", "11;rgb:/00/00", "10;rgb:ffff/ffff/ffff",
                      "11;rgb:ff/ff/ff/ff", "11;#ffffff", "11;rgb:+f/0/0"])
    func aMalformedBackgroundIsNone(body: String) {
        #expect(TerminalReplies.parse(bytes("\u{1B}]\(body)\u{1B}\\\u{1B}[?62c")).background == nil)
    }

    @Test func kittyErrorIsNotOK() {
        let replies = TerminalReplies.parse(bytes("\u{1B}_Gi=31;EINVAL:Unsupported\u{1B}\\\u{1B}[?62c"))
        #expect(replies.kitty == .error("EINVAL:Unsupported"))
    }

    @Test func anotherImagesAnswerIsIgnored() {
        let replies = TerminalReplies.parse(bytes("\u{1B}_Gi=7;OK\u{1B}\\\u{1B}[?62c"))
        #expect(replies.kitty == nil)
    }

    @Test func keysTypedMeanwhileAreKeptApart() {
        let replies = TerminalReplies.parse(bytes("ab\u{1B}[A\u{1B}[?1;2c\u{1B}"))
        #expect(replies.other == bytes("ab\u{1B}[A\u{1B}"))
        #expect(replies.deviceAttributes == [1, 2])
        #expect(replies.endsInsideSequence)
    }

    @Test func belTerminatesStrings() {
        let replies = TerminalReplies.parse(bytes("\u{1B}P>|foot(1.13)\u{07}\u{1B}[?62;4c"))
        #expect(replies.terminalVersion == "foot(1.13)")
        #expect(replies.announcesSixel)
    }

    @Test func unfinishedRepliesWait() {
        for cut in ["\u{1B}P>|kit", "\u{1B}[?62;", "\u{1B}_Gi=31;O", "\u{1B}"] {
            let replies = TerminalReplies.parse(bytes(cut))
            #expect(replies.endsInsideSequence, "\(cut.debugDescription)")
            #expect(!replies.isComplete)
        }
    }

    @Test func hostileNumbersAreClampedNotTrapped() {
        let replies = TerminalReplies.parse(bytes("\u{1B}[6;99999999999999999999999;0t\u{1B}[?\(String(repeating: "9", count: 400))c"))
        #expect(replies.cellPixels == nil)
        #expect(replies.deviceAttributes == [1_000_000])
    }

    @Test func everyPrefixOfABatchParses() {
        let full = bytes("\u{1B}P>|XTerm(379)\u{1B}\\\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[6;13;6t\u{1B}[?63;4c")
        for end in 0...full.count {
            let replies = TerminalReplies.parse(Array(full[0..<end]))
            #expect(replies.isComplete == (end == full.count))
        }
    }
}
