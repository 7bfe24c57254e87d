import CNcurses
#if canImport(Glibc)
import Glibc
#endif

/// Terminal column widths of text, from the C library's `wcwidth`.
///
/// `wcwidth` answers according to the thread's locale; under the "C" locale every non-ASCII character
/// is unknown. The app sets the user's locale, but widths must not depend on it (tests, a non-UTF-8
/// session showing UTF-8 prompts), so each lookup runs under a UTF-8 `LC_CTYPE` of its own.
public enum TextWidth {
    private nonisolated(unsafe) static let utf8Locale: locale_t? = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)

    /// Columns a character takes: 0 (combining or control), 1 or 2 (wide East Asian, emoji).
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue {
            return ascii >= 0x20 && ascii < 0x7F ? 1 : 0
        }
        guard let first = character.unicodeScalars.first else { return 0 }
        let baseWidth = of(first)
        // An emoji presentation sequence (base + VS16) is drawn two columns wide by modern terminals.
        if baseWidth > 0, character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return baseWidth
    }

    /// Columns one scalar takes on its own, as curses counts it.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        guard let utf8Locale else { return scalar.properties.isEmojiPresentation ? 2 : 1 }
        let width = darkroom_wcwidth_in(utf8Locale, scalar.value)
        return width < 0 ? 0 : Int(width)
    }

    /// What one terminal cell can hold of `character`: its first scalar and the combining marks after it.
    /// curses puts one spacing character per cell and measures that character alone, so a cluster that joins
    /// several (a flag's two halves, a ZWJ sequence, a skin tone) or widens its base (VS16) would be drawn
    /// wider by the terminal than curses counts, leaving the cells curses thinks it covered stale. The other
    /// spacing scalars, the joiners and the variation selectors are left out; the result is `of(first scalar)`
    /// columns wide, never wider than `of(character)`.
    public static func singleCellForm(of character: Character) -> Character {
        let scalars = character.unicodeScalars
        guard let first = scalars.first, scalars.count > 1 else { return character }
        var kept = String.UnicodeScalarView([first])
        kept.append(contentsOf: scalars.dropFirst().filter { scalar in
            of(scalar) == 0 && !scalar.properties.isVariationSelector && !scalar.properties.isJoinControl
        })
        return Character(String(kept))
    }

    /// Columns a string takes.
    public static func of(_ text: String) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// `text` followed by spaces up to `columns` (as it is when it already takes that many): columns of output
    /// line up only when padded by what the terminal draws, not by characters.
    public static func pad(_ text: String, toColumns columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - of(text)))
    }

    /// The longest prefix of `text` that fits in `columns`, ending with `ellipsis` when something was cut
    /// (without it when even the ellipsis does not fit).
    public static func truncate(_ text: String, toColumns columns: Int, ellipsis: String = "…") -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        let mark = of(ellipsis) < columns ? ellipsis : ""
        let room = columns - of(mark)
        var result = ""
        var used = 0
        for character in text {
            let width = of(character)
            if used + width > room { break }
            result.append(character)
            used += width
        }
        return result + mark
    }

    /// `text` cut in the middle to fit `columns`, keeping its start and its end (the informative part of a path
    /// or bucket name): "/home/ann/…/bucket".
    public static func truncateMiddle(_ text: String, toColumns columns: Int, ellipsis: String = "…") -> String {
        guard of(text) > columns else { return text }
        let room = columns - of(ellipsis)
        guard room >= 2 else { return truncate(text, toColumns: columns, ellipsis: ellipsis) }
        let head = truncate(text, toColumns: (room + 1) / 2, ellipsis: "")
        var tail = ""
        var used = 0
        for character in text.reversed() {
            let width = of(character)
            if used + width > room / 2 { break }
            tail.insert(character, at: tail.startIndex)
            used += width
        }
        return head + ellipsis + tail
    }
}
