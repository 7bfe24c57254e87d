/// A key press after decoding: the key and the modifiers held with it.
public struct KeyEvent: Hashable, Sendable, CustomStringConvertible {
    /// Which key was pressed.
    public enum Key: Hashable, Sendable {
        case character(Character)
        case enter, tab, backspace, delete, escape
        case up, down, left, right, home, end, pageUp, pageDown, insert
        case function(Int)
    }

    /// Modifier keys held during the press.
    public struct Modifiers: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let control = Modifiers(rawValue: 1 << 0)
        public static let alt = Modifiers(rawValue: 1 << 1)
        public static let shift = Modifiers(rawValue: 1 << 2)
    }

    public var key: Key
    public var modifiers: Modifiers

    public init(_ key: Key, _ modifiers: Modifiers = []) {
        self.key = key
        self.modifiers = modifiers
    }

    /// A plain character key.
    public static func char(_ character: Character) -> KeyEvent { KeyEvent(.character(character)) }
    /// A character with Control held (Ctrl-A is `ctrl("a")`).
    public static func ctrl(_ character: Character) -> KeyEvent { KeyEvent(.character(character), .control) }
    /// A character with Alt (Meta) held.
    public static func alt(_ character: Character) -> KeyEvent { KeyEvent(.character(character), .alt) }

    /// How the help screen and status line name the key, for example "Ctrl-A", "Shift-Left", "Alt-B".
    public var description: String {
        var parts: [String] = []
        if modifiers.contains(.control) { parts.append("Ctrl") }
        if modifiers.contains(.alt) { parts.append("Alt") }
        if modifiers.contains(.shift) { parts.append("Shift") }
        let name: String
        switch key {
        case .character(" "): name = "Space"
        case .character(let character): name = modifiers.isEmpty ? String(character) : String(character).uppercased()
        case .enter: name = "Enter"
        case .tab: name = "Tab"
        case .backspace: name = "Backspace"
        case .delete: name = "Delete"
        case .escape: name = "Esc"
        case .up: name = "Up"
        case .down: name = "Down"
        case .left: name = "Left"
        case .right: name = "Right"
        case .home: name = "Home"
        case .end: name = "End"
        case .pageUp: name = "PgUp"
        case .pageDown: name = "PgDn"
        case .insert: name = "Insert"
        case .function(let number): name = "F\(number)"
        }
        parts.append(name)
        return parts.joined(separator: "-")
    }
}

/// A mouse report over a cell (0-based, from the top left): the left button pressed, the wheel turned, or another.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case press
        /// The wheel turned: -1 up (away from the user), 1 down.
        case wheel(Int)
        /// A release, or another button: read, and left alone.
        case other
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// What the terminal reported: a key, text pasted as a whole (bracketed paste), the mouse, that the window
/// changed size, or a report of its own.
public enum InputEvent: Hashable, Sendable {
    case key(KeyEvent)
    case paste(String)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// A report the terminal sent (`ESC` and its introducer included): an answer to the capability probe that came
    /// after its deadline, or one curses does not know as a key. Never something the user typed.
    case terminalReport([UInt8])
}
