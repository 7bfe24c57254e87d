import DarkroomTerminal

/// A multi-line text field edited by grapheme cluster: the prompt and negative-prompt editors.
///
/// A value type with no I/O; the reducer owns one per field. Positions count `Character`s, so a wide
/// character or a letter with combining marks moves and deletes as one.
public struct TextEditor: Hashable, Sendable {
    /// An editing operation, decoupled from keys so the key map and tests name them.
    public enum Command: Hashable, Sendable {
        case insert(String)
        case deleteBackward, deleteForward
        case left, right, wordLeft, wordRight, lineStart, lineEnd, up, down, documentStart, documentEnd
        case killToLineEnd, killToLineStart, deleteWordBackward
        case undo
        /// The caret before the character at this position, or at the end past it (a click in the text).
        case moveTo(Int)
    }

    /// What a command did; `up`/`down` on the first/last line report the edge so the caller can walk history.
    public enum Outcome: Hashable, Sendable {
        case edited, moved, unchanged, atTopEdge, atBottomEdge
    }

    public private(set) var characters: [Character]
    /// The caret, as an index into `characters` (0...count).
    public private(set) var cursor: Int
    private var undoStack: [Snapshot] = []
    /// Steps undo could go back through, counted on past the 200 kept: equal again to an earlier figure only once
    /// every edit since has been undone (`PromptState.LoadUndo` relies on that).
    public private(set) var undoDepth = 0
    private var lastEditWasTyping = false

    private struct Snapshot: Hashable, Sendable {
        let characters: [Character]
        let cursor: Int
    }

    public init(text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }
    /// Characters as the model counts them (Unicode scalars would overcount combining marks; models count code points,
    /// so this reports the larger, safer figure).
    public var characterCount: Int { text.unicodeScalars.count }

    /// Replaces the whole text (history recall, loading parameters); undoable, caret at the end.
    public mutating func replace(with text: String) {
        guard text != self.text else { return }
        pushUndo()
        characters = Array(text)
        cursor = characters.count
        lastEditWasTyping = false
    }

    /// Maps editing keys to commands: readline bindings plus arrows, Home/End, Backspace/Delete.
    public static func command(for key: KeyEvent) -> Command? {
        switch (key.key, key.modifiers) {
        case (.character(let character), []): return .insert(String(character))
        case (.character(let character), .shift): return .insert(String(character))
        case (.left, []): return .left
        case (.right, []): return .right
        case (.left, .control), (.left, .alt), (.character("b"), .alt): return .wordLeft
        case (.right, .control), (.right, .alt), (.character("f"), .alt): return .wordRight
        case (.up, []): return .up
        case (.down, []): return .down
        case (.home, []), (.character("a"), .control): return .lineStart
        case (.end, []), (.character("e"), .control): return .lineEnd
        case (.home, .control): return .documentStart
        case (.end, .control): return .documentEnd
        case (.backspace, []), (.character("h"), .control): return .deleteBackward
        case (.delete, []), (.character("d"), .control): return .deleteForward
        case (.character("k"), .control): return .killToLineEnd
        case (.character("u"), .control): return .killToLineStart
        case (.character("w"), .control), (.backspace, .alt): return .deleteWordBackward
        case (.character("z"), .control), (.character("_"), .control): return .undo
        case (.enter, .alt), (.character("j"), .control): return .insert("\n")
        default: return nil
        }
    }

    @discardableResult
    public mutating func apply(_ command: Command) -> Outcome {
        switch command {
        case .insert(let string):
            let typing = string.count == 1 && string != "\n"
            // Typing a word is one undo step; a space, newline or paste starts a new one.
            if !typing || !lastEditWasTyping || string == " " { pushUndo() }
            characters.insert(contentsOf: Array(string), at: cursor)
            cursor += string.count
            lastEditWasTyping = typing
            return .edited
        case .deleteBackward:
            guard cursor > 0 else { return .unchanged }
            return edit(removing: (cursor - 1)..<cursor)
        case .deleteForward:
            guard cursor < characters.count else { return .unchanged }
            return edit(removing: cursor..<(cursor + 1))
        case .killToLineEnd:
            let end = lineEnd(from: cursor)
            return end > cursor ? edit(removing: cursor..<end) : (cursor < characters.count ? edit(removing: cursor..<(cursor + 1)) : .unchanged)
        case .killToLineStart:
            let start = lineStart(from: cursor)
            return start < cursor ? edit(removing: start..<cursor) : .unchanged
        case .deleteWordBackward:
            let start = wordStart(before: cursor)
            return start < cursor ? edit(removing: start..<cursor) : .unchanged
        case .undo:
            guard let snapshot = undoStack.popLast() else { return .unchanged }
            undoDepth -= 1
            characters = snapshot.characters
            cursor = snapshot.cursor
            lastEditWasTyping = false
            return .edited
        case .left: return move(to: max(0, cursor - 1))
        case .right: return move(to: min(characters.count, cursor + 1))
        case .wordLeft: return move(to: wordStart(before: cursor))
        case .wordRight: return move(to: wordEnd(after: cursor))
        case .lineStart: return move(to: lineStart(from: cursor))
        case .lineEnd: return move(to: lineEnd(from: cursor))
        case .documentStart: return move(to: 0)
        case .documentEnd: return move(to: characters.count)
        case .moveTo(let position): return move(to: min(max(0, position), characters.count))
        case .up:
            let start = lineStart(from: cursor)
            guard start > 0 else { return .atTopEdge }
            let previousStart = lineStart(from: start - 1)
            return move(to: index(inLineFrom: previousStart, atColumn: column(of: cursor)))
        case .down:
            let end = lineEnd(from: cursor)
            guard end < characters.count else { return .atBottomEdge }
            return move(to: index(inLineFrom: end + 1, atColumn: column(of: cursor)))
        }
    }

    /// The display column of the caret within its line (wide characters count 2).
    public func column(of position: Int) -> Int {
        characters[lineStart(from: position)..<position].reduce(0) { $0 + TextWidth.of($1) }
    }

    private mutating func edit(removing range: Range<Int>) -> Outcome {
        pushUndo()
        characters.removeSubrange(range)
        cursor = range.lowerBound
        lastEditWasTyping = false
        return .edited
    }

    private mutating func move(to position: Int) -> Outcome {
        lastEditWasTyping = false
        guard position != cursor else { return .unchanged }
        cursor = position
        return .moved
    }

    private mutating func pushUndo() {
        undoStack.append(Snapshot(characters: characters, cursor: cursor))
        undoDepth += 1
        if undoStack.count > 200 { undoStack.removeFirst() }
    }

    private func lineStart(from position: Int) -> Int {
        var index = position
        while index > 0, characters[index - 1] != "\n" { index -= 1 }
        return index
    }

    private func lineEnd(from position: Int) -> Int {
        var index = position
        while index < characters.count, characters[index] != "\n" { index += 1 }
        return index
    }

    private func index(inLineFrom start: Int, atColumn targetColumn: Int) -> Int {
        var index = start
        var column = 0
        while index < characters.count, characters[index] != "\n" {
            let width = TextWidth.of(characters[index])
            if column + width > targetColumn { break }
            column += width
            index += 1
        }
        return index
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    private func wordStart(before position: Int) -> Int {
        var index = position
        while index > 0, !Self.isWordCharacter(characters[index - 1]) { index -= 1 }
        while index > 0, Self.isWordCharacter(characters[index - 1]) { index -= 1 }
        return index
    }

    private func wordEnd(after position: Int) -> Int {
        var index = position
        while index < characters.count, !Self.isWordCharacter(characters[index]) { index += 1 }
        while index < characters.count, Self.isWordCharacter(characters[index]) { index += 1 }
        return index
    }
}
