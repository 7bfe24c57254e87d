import DarkroomImaging
@testable import DarkroomTerminal
import Testing

/// Each rule of the decision, one fact changed at a time.
@Suite struct CapabilityProbeTests {
    private let xterm256 = TerminfoEntry(colors: 256, rgb: false, tc: false)
    private let sixelReplies = TerminalReplies(terminalVersion: "XTerm(379)", cellPixels: PixelSize(width: 6, height: 13), deviceAttributes: [63, 4])
    private let kittyReplies = TerminalReplies(terminalVersion: "kitty(0.26.5)", kitty: .ok, deviceAttributes: [62])

    private func facts(_ environment: [String: String] = ["TERM": "xterm-256color"], preference: GraphicsPreference = .auto,
                       replies: TerminalReplies?, pixels: PixelSize? = nil, tmux: Bool? = nil) -> CapabilityProbe.Facts {
        CapabilityProbe.Facts(environment: environment, preference: preference, terminfo: xterm256, replies: replies,
                              windowPixels: pixels, windowCells: pixels == nil ? nil : (80, 24), tmuxPassthrough: tmux)
    }

    @Test func colourDepthFromEnvironmentAndTerminfo() {
        #expect(CapabilityProbe.decide(facts(replies: nil)).colorMode == .xterm256)
        #expect(CapabilityProbe.decide(facts(["TERM": "xterm-256color", "COLORTERM": "truecolor"], replies: nil)).colorMode == .truecolor)
        #expect(CapabilityProbe.decide(facts(["TERM": "xterm-256color", "COLORTERM": "24bit", "NO_COLOR": "1"], replies: nil)).colorMode == .none)
        var withRGB = facts(replies: nil)
        withRGB.terminfo = TerminfoEntry(colors: 256, rgb: false, tc: true)
        #expect(CapabilityProbe.decide(withRGB).colorMode == .truecolor)
        var unknown = facts(["TERM": "weird-16color"], replies: nil)
        unknown.terminfo = nil
        #expect(CapabilityProbe.decide(unknown).colorMode == .ansi16)
    }

    @Test(arguments: [
        (["COLORTERM": "truecolor", "TERM": "xterm-256color"], ColorMode.truecolor),
        (["TERM": "xterm-256color"], .xterm256),
        (["TERM": "screen-256color", "COLORTERM": "yes"], .xterm256),
        (["TERM": "xterm"], .ansi16),
        (["TERM": "xterm-direct"], .truecolor),
        (["TERM": "dumb"], .none),
        ([:], .none),
        (["TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"], .none),
    ])
    func withoutATerminfoEntryTheModeComesFromTheEnvironment(environment: [String: String], expected: ColorMode) {
        var unknown = facts(environment, replies: nil)
        unknown.terminfo = nil
        #expect(CapabilityProbe.decide(unknown).colorMode == expected)
    }

    @Test func theBackgroundTheTerminalNamesIsKeptWithItsReason() {
        var replies = sixelReplies
        replies.background = RGB(r: 255, g: 255, b: 255)
        let light = CapabilityProbe.decide(facts(replies: replies))
        #expect(light.background == RGB(r: 255, g: 255, b: 255))
        #expect(light.reasons.contains("background #ffffff (light): the terminal's answer to OSC 11"))
        replies.background = RGB(r: 0, g: 43, b: 54)
        #expect(CapabilityProbe.decide(facts(replies: replies)).reasons.contains("background #002b36 (dark): the terminal's answer to OSC 11"))
        #expect(CapabilityProbe.decide(facts(replies: sixelReplies)).background == nil)
    }

    /// The query comes before DA1, whose answer ends the exchange; the Linux console would print it, so it is not asked there.
    @Test func theBackgroundIsAskedBeforeTheDeviceAttributesAndCanBeLeftOut() throws {
        let batch = String(decoding: TerminalQuery.batch(insideTmux: false), as: UTF8.self)
        let query = try #require(batch.range(of: "\u{1B}]11;?\u{1B}\\"))
        #expect(batch.hasSuffix("\u{1B}[c") && query.upperBound <= batch.range(of: "\u{1B}[c")!.lowerBound)
        #expect(!String(decoding: TerminalQuery.batch(insideTmux: false, askingBackground: false), as: UTF8.self).contains("]11;"))
    }

    /// Said once in the app's status line at the start: a default 80-column terminal shows it whole (with tmux's hint,
    /// 121 characters were cut off at 120 columns).
    @Test func theStatusSentenceFitsEightyColumns() {
        for graphics in GraphicsProtocol.allCases {
            for colors in ColorMode.allCases {
                // The hint comes only with blocks: it says what stands in the way of pixels.
                let tmuxHint = CapabilityProbe.decide(facts(["TERM": "xterm-256color", "TMUX": "/tmp/t,1,0"], replies: sixelReplies, tmux: false)).hint
                for hint in graphics == .blocks ? [nil, tmuxHint] : [nil] {
                    let sentence = TerminalCapabilities(colorMode: colors, graphics: graphics, hint: hint).statusSentence
                    #expect(sentence.count <= 80, "\(sentence.count): \(sentence)")
                }
            }
        }
        #expect(TerminalCapabilities(colorMode: .xterm256, graphics: .blocks).statusSentence
                == "Images: blocks, 256 colours (--graphics or `graphics =` to change)")
    }

    @Test func notATerminalMeansBlocks() {
        let found = CapabilityProbe.decide(facts(replies: nil))
        #expect(found.graphics == .blocks)
        #expect(found.reasons.contains { $0.contains("not a terminal") })
    }

    @Test func sixelFromDeviceAttributesWithCellSizeFromCSI16t() {
        let found = CapabilityProbe.decide(facts(replies: sixelReplies))
        #expect(found.graphics == .sixel)
        #expect(found.cellPixels == PixelSize(width: 6, height: 13))
    }

    @Test func kittyWithCellSizeFromTheKernel() {
        let found = CapabilityProbe.decide(facts(replies: kittyReplies, pixels: PixelSize(width: 800, height: 480)))
        #expect(found.graphics == .kitty)
        #expect(found.cellPixels == PixelSize(width: 10, height: 20))
        #expect(!found.kittyPlaceholders)
    }

    @Test func kittyWithoutCellSizeFallsBackToBlocks() {
        #expect(CapabilityProbe.decide(facts(replies: kittyReplies)).graphics == .blocks)
    }

    @Test func silenceOrPlainAttributesMeanBlocks() {
        #expect(CapabilityProbe.decide(facts(replies: TerminalReplies())).graphics == .blocks)
        let plain = TerminalReplies(terminalVersion: "XTerm(379)", cellPixels: PixelSize(width: 6, height: 13), deviceAttributes: [63, 1, 2])
        #expect(CapabilityProbe.decide(facts(replies: plain)).graphics == .blocks)
    }

    @Test func iTerm2ByVersion() {
        let replies = TerminalReplies(terminalVersion: "iTerm2 3.5.0", cellPixels: PixelSize(width: 8, height: 16), deviceAttributes: [62])
        #expect(CapabilityProbe.decide(facts(replies: replies)).graphics == .iterm2)
    }

    @Test func tmuxWithoutPassthroughIsBlocksWithAHint() {
        let found = CapabilityProbe.decide(facts(["TERM": "tmux-256color", "TMUX": "/tmp/tmux-1/default,1,0"], replies: kittyReplies,
                                                 pixels: PixelSize(width: 800, height: 480), tmux: false))
        #expect(found.graphics == .blocks)
        #expect(found.hint?.contains("allow-passthrough") == true)
        let allowed = CapabilityProbe.decide(facts(["TERM": "tmux-256color", "TMUX": "/tmp/tmux-1/default,1,0"], replies: kittyReplies,
                                                   pixels: PixelSize(width: 800, height: 480), tmux: true))
        #expect(allowed.graphics == .kitty)
        #expect(allowed.kittyPlaceholders)
        #expect(allowed.tmux)
    }

    @Test func forcedProtocolAssumesACellSize() {
        let found = CapabilityProbe.decide(facts(preference: .sixel, replies: nil))
        #expect(found.graphics == .sixel)
        #expect(found.cellPixels == CapabilityProbe.assumedCell)
        #expect(CapabilityProbe.decide(facts(preference: .blocks, replies: sixelReplies)).graphics == .blocks)
    }

    @Test func placeholdersFromKitty028() {
        #expect(!CapabilityProbe.supportsPlaceholders(version: "kitty(0.26.5)"))
        #expect(CapabilityProbe.supportsPlaceholders(version: "kitty(0.28.0)"))
        #expect(CapabilityProbe.supportsPlaceholders(version: "kitty(0.35.2)"))
        #expect(CapabilityProbe.supportsPlaceholders(version: "kitty(1.0)"))
        #expect(!CapabilityProbe.supportsPlaceholders(version: "WezTerm 20240203"))
    }
}

/// The terminfo facts the probe reads, from the entries installed on this machine (ncurses-base/-term).
@Suite struct TerminfoTests {
    @Test func coloursAndFlagsOfKnownEntries() throws {
        let xterm256 = try #require(TerminfoEntry.lookup(term: "xterm-256color"))
        #expect(xterm256.colors == 256 && !xterm256.rgb)
        #expect(TerminfoEntry.lookup(term: "no-such-terminal-here") == nil)
    }

    /// `kmous` tells how the terminal reports the mouse: SGR for xterm's entries, X10 for screen's (and tmux's), none
    /// for a vt100.
    @Test func mouseReportsOfKnownEntries() {
        #expect(TerminfoEntry.lookup(term: "xterm-256color")?.mouse == .sgr)
        #expect(TerminfoEntry.lookup(term: "screen-256color")?.mouse == .x10)
        #expect(TerminfoEntry.lookup(term: "vt100").map { $0.mouse == nil } == true)
    }

    @Test(.enabled(if: TerminfoEntry.lookup(term: "xterm-direct") != nil, "the xterm-direct entry (ncurses-term) is not installed"))
    func aDirectColourEntryStandsInWhereTheOwnLacksRGB() {
        #expect(TerminfoEntry.directColorEntry(for: "xterm-256color") == "xterm-direct")
        #expect(TerminfoEntry.directColorEntry(for: "xterm-direct") == nil, "already direct")
        #expect(TerminfoEntry.directColorEntry(for: "") == nil)
    }
}
