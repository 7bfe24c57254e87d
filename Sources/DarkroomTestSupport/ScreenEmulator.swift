/// The text a terminal shows after a stream of output: enough of xterm's control sequences to follow what
/// ncurses writes for `TERM=xterm-256color` (cursor addressing and motion, erasing, inserting and deleting,
/// repeat, scroll regions and scrolling, the alternate screen). Colours and attributes are read and dropped;
/// strings (OSC, DCS, APC: clipboard, graphics) are skipped.
///
/// ncurses sends only what changed between frames, so matching text in the raw bytes misses what a person
/// sees; this reads the whole screen back.
public final class ScreenEmulator {
    public private(set) var width: Int
    public private(set) var height: Int
    private var cells: [[Character]]
    private var row = 0, column = 0
    private var savedCursor = (row: 0, column: 0)
    private var scrollTop = 0, scrollBottom: Int
    /// The column past the last was written: the next printable character wraps first (xterm's pending wrap).
    private var pendingWrap = false
    private var lastPrinted: Character = " "
    private var state = ParserState.ground
    private var parameters: [UInt8] = []
    private var utf8: [UInt8] = []

    private enum ParserState {
        case ground, escape, escapeIntermediate, controlSequence, string, stringEscape
    }

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: Array(repeating: " ", count: width), count: height)
        scrollBottom = height - 1
    }

    /// The screen's rows as text, trailing blanks removed.
    public var lines: [String] {
        cells.map { String($0).replacingTrailingSpaces() }
    }

    /// The rows joined with newlines.
    public var text: String { lines.joined(separator: "\n") }

    /// Where the cursor is (0-based).
    public var cursor: (row: Int, column: Int) { (row, column) }

    /// A new size (the terminal was resized); the content is kept where it fits.
    public func resize(width: Int, height: Int) {
        cells = (0..<height).map { y in
            (0..<width).map { x in y < cells.count && x < cells[y].count ? cells[y][x] : " " }
        }
        self.width = width
        self.height = height
        scrollTop = 0
        scrollBottom = height - 1
        row = min(row, height - 1)
        column = min(column, width - 1)
    }

    /// Applies output bytes; sequences and UTF-8 characters may be split across calls.
    public func feed<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes { consume(byte) }
    }

    private func consume(_ byte: UInt8) {
        switch state {
        case .ground:
            ground(byte)
        case .escape:
            escape(byte)
        case .escapeIntermediate:
            // The character set designated (ESC ( B and the like) is not tracked: ncurses sends UTF-8 text.
            state = .ground
        case .controlSequence:
            if byte >= 0x40 && byte <= 0x7E {
                controlSequence(final: byte)
                state = .ground
            } else {
                parameters.append(byte)
            }
        case .string:
            if byte == 0x07 { state = .ground } else if byte == 0x1B { state = .stringEscape }
        case .stringEscape:
            state = byte == UInt8(ascii: "\\") ? .ground : .string
        }
    }

    private func ground(_ byte: UInt8) {
        if !utf8.isEmpty || byte >= 0x80 {
            utf8.append(byte)
            let expected = utf8[0] >= 0xF0 ? 4 : utf8[0] >= 0xE0 ? 3 : utf8[0] >= 0xC0 ? 2 : 1
            guard utf8.count >= expected else { return }
            let decoded = String(decoding: utf8, as: UTF8.self)
            utf8.removeAll()
            for character in decoded { print(character) }
            return
        }
        switch byte {
        case 0x1B:
            state = .escape
        case 0x0D:
            column = 0
            pendingWrap = false
        case 0x0A, 0x0B, 0x0C:
            lineFeed()
        case 0x08:
            column = max(0, column - 1)
            pendingWrap = false
        case 0x09:
            column = min(width - 1, (column / 8 + 1) * 8)
        case 0x20...0x7E:
            print(Character(Unicode.Scalar(byte)))
        default:
            break  // BEL, SO/SI and other controls change nothing visible here
        }
    }

    private func escape(_ byte: UInt8) {
        state = .ground
        switch byte {
        case UInt8(ascii: "["):
            parameters.removeAll()
            state = .controlSequence
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"), UInt8(ascii: "X"):
            state = .string
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "#"), UInt8(ascii: "%"):
            state = .escapeIntermediate
        case UInt8(ascii: "7"):
            savedCursor = (row, column)
        case UInt8(ascii: "8"):
            (row, column) = savedCursor
        case UInt8(ascii: "D"):
            lineFeed()
        case UInt8(ascii: "E"):
            column = 0
            lineFeed()
        case UInt8(ascii: "M"):
            reverseLineFeed()
        case UInt8(ascii: "c"):
            erase(rows: 0..<height)
            (row, column) = (0, 0)
        default:
            break  // keypad modes (ESC = / ESC >) and the like
        }
    }

    private func controlSequence(final: UInt8) {
        let isPrivate = parameters.first.map { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "=") } ?? false
        let values = String(decoding: parameters.filter { $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "=") },
                            as: UTF8.self)
            .split(separator: ";", omittingEmptySubsequences: false).map { Int($0.split(separator: ":").first ?? "") }
        func value(_ index: Int, _ fallback: Int) -> Int {
            guard index < values.count, let value = values[index], value > 0 else { return fallback }
            return value
        }
        let count = value(0, 1)
        pendingWrap = false
        switch final {
        case UInt8(ascii: "H"), UInt8(ascii: "f"):
            row = clampRow(value(0, 1) - 1)
            column = clampColumn(value(1, 1) - 1)
        case UInt8(ascii: "A"): row = max(row < scrollTop ? 0 : scrollTop, row - count)
        case UInt8(ascii: "B"), UInt8(ascii: "e"): row = min(row > scrollBottom ? height - 1 : scrollBottom, row + count)
        case UInt8(ascii: "C"), UInt8(ascii: "a"): column = clampColumn(column + count)
        case UInt8(ascii: "D"): column = clampColumn(column - count)
        case UInt8(ascii: "E"): (row, column) = (clampRow(row + count), 0)
        case UInt8(ascii: "F"): (row, column) = (clampRow(row - count), 0)
        case UInt8(ascii: "G"), UInt8(ascii: "`"): column = clampColumn(count - 1)
        case UInt8(ascii: "d"): row = clampRow(count - 1)
        case UInt8(ascii: "J") where !isPrivate:
            switch value(0, 0) {
            case 0:
                eraseInRow(row, from: column, to: width)
                erase(rows: (row + 1)..<height)
            case 1:
                erase(rows: 0..<row)
                eraseInRow(row, from: 0, to: column + 1)
            default:
                erase(rows: 0..<height)
            }
        case UInt8(ascii: "K") where !isPrivate:
            switch value(0, 0) {
            case 0: eraseInRow(row, from: column, to: width)
            case 1: eraseInRow(row, from: 0, to: column + 1)
            default: eraseInRow(row, from: 0, to: width)
            }
        case UInt8(ascii: "X"): eraseInRow(row, from: column, to: min(width, column + count))
        case UInt8(ascii: "@"):
            let inserted = min(count, width - column)
            cells[row].insert(contentsOf: Array(repeating: " ", count: inserted), at: column)
            cells[row].removeLast(inserted)
        case UInt8(ascii: "P"):
            let deleted = min(count, width - column)
            cells[row].removeSubrange(column..<(column + deleted))
            cells[row].append(contentsOf: Array(repeating: " ", count: deleted))
        case UInt8(ascii: "L"):
            if (scrollTop...scrollBottom).contains(row) { scrollDown(count, top: row) }
        case UInt8(ascii: "M"):
            if (scrollTop...scrollBottom).contains(row) { scrollUp(count, top: row) }
        case UInt8(ascii: "S") where !isPrivate: scrollUp(count, top: scrollTop)
        case UInt8(ascii: "T") where !isPrivate: scrollDown(count, top: scrollTop)
        case UInt8(ascii: "b"):
            for _ in 0..<min(count, width * height) { print(lastPrinted) }
        case UInt8(ascii: "r") where !isPrivate:
            scrollTop = clampRow(value(0, 1) - 1)
            scrollBottom = clampRow(value(1, height) - 1)
            if scrollBottom <= scrollTop { (scrollTop, scrollBottom) = (0, height - 1) }
            (row, column) = (0, 0)
        case UInt8(ascii: "s") where !isPrivate: savedCursor = (row, column)
        case UInt8(ascii: "u") where !isPrivate: (row, column) = savedCursor
        case UInt8(ascii: "h"), UInt8(ascii: "l"):
            // The alternate screen (1049, 47, 1047) starts clear; leaving it shows what was there before, which a
            // test of the app does not need.
            if isPrivate, values.contains(where: { $0 == 1049 || $0 == 47 || $0 == 1047 }) {
                erase(rows: 0..<height)
                if final == UInt8(ascii: "h") { (row, column) = (0, 0) }
            }
        default:
            break  // SGR (m) and the modes and reports that change no text
        }
    }

    private func print(_ character: Character) {
        lastPrinted = character
        let cellWidth = Self.width(of: character)
        if pendingWrap || column + cellWidth > width {
            column = 0
            lineFeed()
            pendingWrap = false
        }
        cells[row][column] = character
        if cellWidth == 2, column + 1 < width { cells[row][column + 1] = "\u{0}" }
        if column + cellWidth >= width {
            column = width - 1
            pendingWrap = true
        } else {
            column += cellWidth
        }
    }

    private func lineFeed() {
        pendingWrap = false
        if row == scrollBottom {
            scrollUp(1, top: scrollTop)
        } else {
            row = min(height - 1, row + 1)
        }
    }

    private func reverseLineFeed() {
        if row == scrollTop { scrollDown(1, top: scrollTop) } else { row = max(0, row - 1) }
    }

    private func scrollUp(_ count: Int, top: Int) {
        for _ in 0..<min(count, scrollBottom - top + 1) {
            cells.remove(at: top)
            cells.insert(Array(repeating: " ", count: width), at: scrollBottom)
        }
    }

    private func scrollDown(_ count: Int, top: Int) {
        for _ in 0..<min(count, scrollBottom - top + 1) {
            cells.remove(at: scrollBottom)
            cells.insert(Array(repeating: " ", count: width), at: top)
        }
    }

    private func erase(rows: Range<Int>) {
        for index in rows where index >= 0 && index < height { cells[index] = Array(repeating: " ", count: width) }
    }

    private func eraseInRow(_ index: Int, from start: Int, to end: Int) {
        guard start < end else { return }
        for x in max(0, start)..<min(width, end) { cells[index][x] = " " }
    }

    private func clampRow(_ value: Int) -> Int { min(max(0, value), height - 1) }
    private func clampColumn(_ value: Int) -> Int { min(max(0, value), width - 1) }

    /// Two cells for East Asian wide characters and emoji, as terminals draw them; one otherwise.
    static func width(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first?.value else { return 1 }
        let wide: [ClosedRange<UInt32>] = [0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                                           0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                                           0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD]
        return wide.contains { $0.contains(scalar) } ? 2 : 1
    }
}

extension String {
    /// The string without trailing spaces, and without the placeholders right of wide characters.
    fileprivate func replacingTrailingSpaces() -> String {
        var text = String(filter { $0 != "\u{0}" })
        while text.last == " " { text.removeLast() }
        return text
    }
}
