import DarkroomImaging
@testable import DarkroomTerminal
import Testing

/// The probe's answers that came after its deadline, read back one report at a time as the app's key decoder hands
/// them over: nothing is decided before DA1, and then it is decided as if they had been in time.
@Suite struct LateAnswersTests {
    private func lateAnswers(_ received: String = "", environment: [String: String] = ["TERM": "xterm-kitty"],
                             pixels: PixelSize? = nil) -> LateAnswers {
        LateAnswers(facts: CapabilityProbe.Facts(environment: environment, preference: .auto,
                                                 terminfo: TerminfoEntry(colors: 256, rgb: true, tc: false),
                                                 replies: TerminalReplies.parse(Array(received.utf8)), windowPixels: pixels,
                                                 windowCells: pixels == nil ? nil : (110, 34)))
    }

    private func add(_ report: String, to late: inout LateAnswers) -> TerminalCapabilities? {
        late.add(report: Array(report.utf8))
    }

    @Test func kittysAnswersAfterTheDeadlineGiveKittyGraphics() throws {
        var late = lateAnswers()
        #expect(add("\u{1B}P>|kitty(0.26.5)\u{1B}\\", to: &late) == nil)
        #expect(add("\u{1B}_Gi=31;OK\u{1B}\\", to: &late) == nil)
        #expect(add("\u{1B}[6;17;7t", to: &late) == nil, "nothing is decided before DA1")
        let decided = try #require(add("\u{1B}[?62;c", to: &late))
        #expect(decided.graphics == .kitty)
        #expect(decided.cellPixels == PixelSize(width: 7, height: 17))
        #expect(decided.terminalVersion == "kitty(0.26.5)")
        #expect(decided.reasons.contains("kitty graphics: the terminal answered OK to the a=q query"))
        #expect(decided.reasons.last == "the answers above came after the probe's deadline, once the app had started")
    }

    /// Some answers made the deadline (XTVERSION here), the rest came later: both count.
    @Test func answersFromBeforeTheDeadlineAreKept() throws {
        var late = lateAnswers("\u{1B}P>|XTerm(379)\u{1B}\\", environment: ["TERM": "xterm-256color"],
                               pixels: PixelSize(width: 660, height: 442))
        #expect(add("\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\", to: &late) == nil)
        let decided = try #require(add("\u{1B}[?63;1;2;4;6;9;15;16;22;28c", to: &late))
        #expect(decided.graphics == .sixel)
        #expect(decided.terminalVersion == "XTerm(379)")
        #expect(decided.background == RGB(r: 255, g: 255, b: 255))
        #expect(decided.cellPixels == PixelSize(width: 6, height: 13), "from the kernel's window size when the terminal did not answer CSI 16 t")
    }

    /// A terminal that answers only DA1, without sixel: blocks, as on time.
    @Test func aTerminalWithoutPixelsStaysWithBlocks() throws {
        var late = lateAnswers(environment: ["TERM": "xterm-256color"])
        #expect(add("\u{1B}[12;40R", to: &late) == nil, "a cursor report is not an answer")
        let decided = try #require(add("\u{1B}[?1;2c", to: &late))
        #expect(decided.graphics == .blocks)
    }
}
