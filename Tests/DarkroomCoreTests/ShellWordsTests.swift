import DarkroomCore
import Testing

/// Commands the program prints for pasting: each word as the shell will read it.
@Suite struct ShellWordsTests {
    @Test func plainWordsStayAsTheyAreAndTheRestIsSingleQuoted() {
        #expect(ShellWords.commandLine(["darkroom", "get", "output-images/a-1.png", "-o", "cat.png", "--seed=42", "7.5"])
                == "darkroom get output-images/a-1.png -o cat.png --seed=42 7.5")
        #expect(ShellWords.quoted("a fox") == "'a fox'")
        #expect(ShellWords.quoted("") == "''")
        #expect(ShellWords.quoted("it's") == #"'it'\''s'"#)
        // What a shell expands or splits on, anywhere in a word, and the characters that mean something at its start.
        for word in ["$HOME", "*", "a;b", "a|b", "a&b", "`x`", "a\"b", "a\\b", "(x)", "<x", "~", "#x", "a\tb", "x!", "a\nb"] {
            #expect(ShellWords.quoted(word) == "'\(word)'", "\(word)")
        }
        // Letters outside ASCII are quoted rather than trusted to every shell's locale.
        #expect(ShellWords.quoted("灯台") == "'灯台'")
    }
}
