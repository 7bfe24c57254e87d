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

    /// A key, a path or a hyphenated word breaks after a slash or hyphen where that fills at least a third of the
    /// line, so the parts of a name stay whole; elsewhere between characters.
    @Test func aLongNameBreaksAfterItsSlashesAndHyphens() {
        let nineteen: (String) -> Bool = { $0.count <= 19 }
        #expect(LineBreaking.pieces(of: "output-images/20261202T161021Z-7-eb739c8d.png", fits: nineteen)
                == ["output-images/", "20261202T161021Z-7-", "eb739c8d.png"])
        #expect(LineBreaking.pieces(of: "state-of-the-art", fits: { $0.count <= 10 }) == ["state-of-", "the-art"])
        // A break that would leave less than a third of the line is not taken: `a-` alone wastes the row.
        #expect(LineBreaking.pieces(of: "a-bcdefghijkl", fits: { $0.count <= 10 }) == ["a-bcdefghi", "jkl"])
        #expect(LineBreaking.pieces(of: "abc-defghijkl", fits: { $0.count <= 10 }) == ["abc-", "defghijkl"])
        // A line that ends with the hyphen breaks after it, not at an earlier one.
        #expect(LineBreaking.pieces(of: "a-b-cdef", fits: { $0.count <= 4 }) == ["a-b-", "cdef"])
        // A word that fits its line keeps its hyphen: breaking there is only for a word wider than a line.
        #expect(LineBreaking.lines("a well-known cat", fits: { $0.count <= 12 }) == ["a well-known", "cat"])
        #expect(LineBreaking.lines("a well-known cat", fits: { $0.count <= 8 }) == ["a", "well-", "known", "cat"])
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
