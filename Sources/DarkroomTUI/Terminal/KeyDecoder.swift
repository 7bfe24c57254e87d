import CNcurses

/// Turns raw terminal input (characters and curses key codes) into key events.
///
/// Escape followed by a key within the escape delay is that key with Alt; Escape alone is Escape.
/// Control characters become letters with Control, except the ones terminals send for Tab, Enter and
/// Backspace.
public struct KeyDecoder: Sendable {
    /// One unit of raw input.
    public enum RawInput: Hashable, Sendable {
        /// A character read by `get_wch` (OK).
        case character(UInt32)
        /// A curses key code (KEY_CODE_YES) with its terminfo name from `keyname`, for example "kLFT5".
        case keyCode(Int32, name: String)
        /// A mouse report curses read whole (KEY_MOUSE, then `getmouse`).
        case mouse(MouseEvent)
    }

    /// What `next` should wait for when it reads on.
    public enum Wait: Sendable {
        /// Only input already there: the rest of a key's sequence or a report arrives with its start.
        case alreadyArrived
        /// The rest of a bracketed paste, which a slow link may deliver in pieces: worth waiting a while for.
        case pasteContinues
    }

    public init() {}

    /// Decodes one unit into a key, or into a whole paste when the unit starts a bracketed paste (`ESC [200~`
    /// … `ESC [201~`): pasted text is never read as keys, so a newline in it does not submit and a letter in it
    /// is not a command. `next` reads the input that follows.
    public func decode(_ input: RawInput, next: (Wait) -> RawInput?) -> InputEvent? {
        switch input {
        case .character(27):
            guard let following = next(.alreadyArrived) else { return .key(KeyEvent(.escape)) }
            if case .character(let introducer) = following, let terminator = Self.replyTerminator(introducer),
               let report = Self.skipReply(terminatedBy: terminator, next: { next(.alreadyArrived) }) {
                return introducer == UInt32(UInt8(ascii: "[")) && report == Self.pasteStart
                    ? .paste(Self.readPaste { next(.pasteContinues) })
                    : .terminalReport(Array(Self.text([27, introducer] + report).utf8))
            }
            guard var event = decodeKey(following) else { return .key(KeyEvent(.escape)) }
            if event.key == .escape { return .key(event) }
            event.modifiers.insert(.alt)
            return .key(event)
        case .mouse(let event):
            return .mouse(event)
        default:
            return decodeKey(input).map(InputEvent.key)
        }
    }

    private func decodeKey(_ input: RawInput) -> KeyEvent? {
        switch input {
        case .character(let value): decodeCharacter(value)
        case .keyCode(let code, let name): decodeKeyCode(code, name: name)
        case .mouse: nil
        }
    }

    /// The rest of `ESC [200~` and the whole of `ESC [201~` (xterm's bracketed paste, mode 2004).
    static let pasteStart = Array("200~".unicodeScalars.map(\.value))
    static let pasteEnd = Array("\u{1B}[201~".unicodeScalars.map(\.value))
    /// The most pasted characters kept; the rest of a longer paste is read and dropped (a prompt holds far fewer).
    static let maxPasteLength = 100_000

    /// Reads a paste's text up to its end marker, or until nothing more arrives (a terminal that never sends the
    /// end). Curses key codes inside it are dropped: pasted text is characters.
    private static func readPaste(next: () -> RawInput?) -> String {
        var scalars: [UInt32] = []
        while let input = next() {
            guard case .character(let value) = input else { continue }
            scalars.append(value)
            if scalars.count >= pasteEnd.count, scalars.suffix(pasteEnd.count).elementsEqual(pasteEnd) {
                scalars.removeLast(pasteEnd.count)
                break
            }
            // Past the limit only the last few are kept, enough to see the end marker.
            if scalars.count > maxPasteLength + pasteEnd.count { scalars.remove(at: maxPasteLength) }
        }
        if scalars.count > maxPasteLength { scalars.removeLast(scalars.count - maxPasteLength) }
        return text(scalars)
    }

    private static func text(_ scalars: [UInt32]) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars.compactMap(Unicode.Scalar.init))
        return String(text)
    }

    /// What ends a terminal report that starts with ESC and `introducer`: ST for DCS (`P`) and APC (`_`), BEL
    /// or ST for OSC (`]`), a final byte for CSI (`[`). Replies to the capability probe (XTVERSION, the kitty
    /// query, cell size, device attributes) that came after its deadline are such reports, and so are ones
    /// curses does not know as keys; none of them is something the user typed, so they are reports, not keys.
    private enum ReportEnd {
        case stringTerminator
        case finalByte
    }

    private static func replyTerminator(_ introducer: UInt32) -> ReportEnd? {
        switch introducer {
        case UInt32(UInt8(ascii: "P")), UInt32(UInt8(ascii: "_")), UInt32(UInt8(ascii: "]")): .stringTerminator
        case UInt32(UInt8(ascii: "[")): .finalByte
        default: nil
        }
    }

    /// The longest report skipped; anything longer is not a reply (and the rest arrives as keys).
    static let maxReportLength = 4096

    /// Consumes the rest of a report already waiting in the input and returns its bytes after the introducer;
    /// nil when nothing follows the introducer, which is then the key Alt-`introducer` that the user pressed.
    private static func skipReply(terminatedBy end: ReportEnd, next: () -> RawInput?) -> [UInt32]? {
        var consumed: [UInt32] = []
        var afterEscape = false
        while consumed.count < maxReportLength, let input = next() {
            guard case .character(let value) = input else { return consumed }
            consumed.append(value)
            switch end {
            case .stringTerminator:
                if value == 7 || (afterEscape && value == UInt32(UInt8(ascii: "\\"))) { return consumed }
                afterEscape = value == 27
            case .finalByte:
                // Parameter and intermediate bytes are 0x20-0x3F; the first byte from 0x40 to 0x7E ends it.
                if (0x40...0x7E).contains(value) { return consumed }
                if !(0x20...0x3F).contains(value) { return consumed }
            }
        }
        return consumed.isEmpty ? nil : consumed
    }

    private func decodeCharacter(_ value: UInt32) -> KeyEvent? {
        switch value {
        case 9: return KeyEvent(.tab)
        // Enter sends CR (curses' nonl() leaves it so); LF is Ctrl-J, a key of its own (a new line in the prompt).
        case 13: return KeyEvent(.enter)
        case 8, 127: return KeyEvent(.backspace)
        case 0: return .ctrl(" ")
        case 1...26:
            guard let letter = Unicode.Scalar(96 + value) else { return nil }
            return .ctrl(Character(letter))
        case 28...31:
            return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    // Key codes are the curses constants; the ones past KEY_MAX have no fixed number and are
    // recognised by their terminfo names ("kLFT5" = Ctrl-Left, "kRIT3" = Alt-Right, "kUP2" = Shift-Up).
    private func decodeKeyCode(_ code: Int32, name: String) -> KeyEvent? {
        switch code {
        case KEY_DOWN: return KeyEvent(.down)
        case KEY_UP: return KeyEvent(.up)
        case KEY_LEFT: return KeyEvent(.left)
        case KEY_RIGHT: return KeyEvent(.right)
        case KEY_HOME: return KeyEvent(.home)
        case KEY_END: return KeyEvent(.end)
        case KEY_BACKSPACE: return KeyEvent(.backspace)
        case KEY_ENTER: return KeyEvent(.enter)
        case KEY_F0...(KEY_F0 + 63): return KeyEvent(.function(Int(code - KEY_F0)))
        case KEY_DC: return KeyEvent(.delete)
        case KEY_IC: return KeyEvent(.insert)
        case KEY_NPAGE: return KeyEvent(.pageDown)
        case KEY_PPAGE: return KeyEvent(.pageUp)
        case KEY_BTAB: return KeyEvent(.tab, .shift)
        case KEY_SF: return KeyEvent(.down, .shift)
        case KEY_SR: return KeyEvent(.up, .shift)
        case KEY_SLEFT: return KeyEvent(.left, .shift)
        case KEY_SRIGHT: return KeyEvent(.right, .shift)
        case KEY_SHOME: return KeyEvent(.home, .shift)
        case KEY_SEND: return KeyEvent(.end, .shift)
        case KEY_SDC: return KeyEvent(.delete, .shift)
        default: return decodeNamedKey(name)
        }
    }

    private func decodeNamedKey(_ name: String) -> KeyEvent? {
        let keys: [(String, KeyEvent.Key)] = [
            ("kLFT", .left), ("kRIT", .right), ("kUP", .up), ("kDN", .down),
            ("kHOM", .home), ("kEND", .end), ("kDC", .delete), ("kPRV", .pageUp), ("kNXT", .pageDown),
        ]
        for (prefix, key) in keys where name.hasPrefix(prefix) {
            guard let level = Int(name.dropFirst(prefix.count)), (2...8).contains(level) else { continue }
            // xterm's modifier parameter minus one is a bit set: 1 Shift, 2 Alt, 4 Control.
            let bits = level - 1
            var modifiers: KeyEvent.Modifiers = []
            if bits & 1 != 0 { modifiers.insert(.shift) }
            if bits & 2 != 0 { modifiers.insert(.alt) }
            if bits & 4 != 0 { modifiers.insert(.control) }
            return KeyEvent(key, modifiers)
        }
        return nil
    }
}
