import DarkroomTerminal
import Testing

@Suite struct TextWidthTests {
    @Test func widthsComeFromWcwidthRegardlessOfTheProcessLocale() {
        #expect(TextWidth.of("a") == 1)
        #expect(TextWidth.of("猫") == 2)
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("日本語 ok") == 9)
        #expect(TextWidth.of("\u{7}") == 0)
    }

    /// A cell holds one spacing character and the combining marks after it: the rest of a cluster is left out, and
    /// what is left is never wider than the columns the cluster is given.
    @Test func aCellHoldsAClustersFirstCharacterWithItsCombiningMarks() {
        let clusters: [(Character, Character, Int)] = [
            ("❤️", "❤", 2), ("🇯🇵", "🇯", 1), ("👨‍👩‍👧", "👨", 2), ("👍🏽", "👍", 2), ("1️⃣", "1\u{20E3}", 2), ("e\u{301}", "e\u{301}", 1), ("猫", "猫", 2),
        ]
        for (cluster, cell, columns) in clusters {
            #expect(TextWidth.singleCellForm(of: cluster) == cell)
            #expect(TextWidth.of(cluster) == columns)
            #expect(TextWidth.of(cell) <= columns)
        }
    }

    @Test func truncationEndsWithAnEllipsisAndFits() {
        #expect(TextWidth.truncate("a cat running a marathon", toColumns: 10) == "a cat run…")
        #expect(TextWidth.truncate("猫猫猫猫", toColumns: 6) == "猫猫…")
        #expect(TextWidth.truncate("short", toColumns: 10) == "short")
    }

    @Test func paddingCountsColumnsNotCharacters() {
        #expect(TextWidth.pad("猫", toColumns: 4) == "猫  ")
        #expect(TextWidth.pad("cat", toColumns: 4) == "cat ")
        #expect(TextWidth.pad("猫猫猫", toColumns: 4) == "猫猫猫")
    }
}
