import DarkroomCore
import Testing

@Suite struct LineBreakingTests {
    /// Lines of at most three characters.
    static func three(_ line: String) -> Bool { line.count <= 3 }

    @Test func aWordIsBrokenBetweenCharactersWhereItNoLongerFits() {
        #expect(LineBreaking.pieces(of: "abcdefg", fits: Self.three) == ["abc", "def", "g"])
        #expect(LineBreaking.pieces(of: "ab", fits: Self.three) == ["ab"])
        #expect(LineBreaking.pieces(of: "", fits: Self.three) == [""])
        // A character too wide for any line still gets one of its own, rather than an empty line before it.
        #expect(LineBreaking.pieces(of: "xy", fits: { _ in false }) == ["x", "y"])
    }

    /// Kinsoku shori: a closing mark never begins a line; the character before it moves down with it.
    @Test func closingPunctuationNeverStartsALine() {
        #expect(LineBreaking.pieces(of: "灯台夕、暮れ", fits: Self.three) == ["灯台", "夕、暮", "れ"])
        #expect(LineBreaking.pieces(of: "灯台夕」。", fits: Self.three) == ["灯台", "夕」。"])
        #expect(LineBreaking.pieces(of: "abc,de", fits: Self.three) == ["ab", "c,d", "e"])
        // Opening marks and ordinary characters may start a line.
        #expect(LineBreaking.pieces(of: "灯台夕「暮", fits: Self.three) == ["灯台夕", "「暮"])
        // With one character on the line there is nothing to carry: the mark starts the next line after all.
        #expect(LineBreaking.pieces(of: "a,", fits: { $0.count <= 1 }) == ["a", ","])
    }
}
