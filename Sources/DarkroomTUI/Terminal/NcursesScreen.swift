import DarkroomImaging
import CNcurses
import DarkroomTerminal

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the terminal could not be set up.
public enum TerminalError: Error, CustomStringConvertible, Equatable {
    case notATerminal(terminalType: String)
    /// Standard input or output is a pipe or file (a script, `darkroom | less`).
    case notInteractive

    public var description: String {
        switch self {
        case .notInteractive:
            return "The darkroom app needs a terminal for input and output; run it directly in one, or use a subcommand such as `darkroom generate` in scripts."
        case .notATerminal(let terminalType):
            return "The terminal type \"\(terminalType)\" is unknown to terminfo; set TERM to one your system knows (for example xterm-256color)."
        }
    }
}

/// The real terminal through ncurses: diffs frames into curses cells, allocates extended colour pairs, uses
/// direct colour when terminfo says the terminal has it, and decodes keys (Alt, Shift/Ctrl arrows, resize).
///
/// Not thread-safe, like ncurses itself: create, use and close it on the UI thread only.
public final class NcursesScreen: TerminalScreen {
    public let colorMode: ColorMode
    public let isUnicode: Bool
    /// Whether the terminal was asked for mouse reports and its terminfo entry says how to ask (kmous).
    public let reportsMouse: Bool
    private let screen: OpaquePointer
    private let output: UnsafeMutablePointer<FILE>
    private let ownsFiles: Bool
    private let input: UnsafeMutablePointer<FILE>
    private var previous: CellBuffer?
    private var pairs: ColorPairAllocator
    private let decoder = KeyDecoder()
    private var cursorVisible: Bool?
    private var closed = false
    /// ncurses writes with write(2) straight to its output descriptor, flushing its own buffer (a few KB)
    /// whenever it fills. While a frame is drawn the descriptor points at this scratch file in memory (dup2), so
    /// curses' bytes can be sent with the frame's pictures in one write; nil if the file could not be made (then
    /// curses writes to the terminal itself, as before).
    let capture: UnsafeMutablePointer<FILE>?
    /// The terminal's descriptor, duplicated, to point curses' descriptor back at it after a frame.
    private let terminalDescriptor: Int32
    /// write(2) calls made to the terminal (the tests count them per frame).
    private(set) var writeCount = 0

    // Attribute bits as curses.h builds them (NCURSES_BITS(1, n) = 1 << (n + 8)); the macros do not import.
    private static let attributeBold = attr_t(1) << (13 + 8)
    private static let attributeDim = attr_t(1) << (12 + 8)
    private static let attributeReverse = attr_t(1) << (10 + 8)
    private static let attributeUnderline = attr_t(1) << (9 + 8)

    /// How long, in milliseconds, a lone Escape waits for the rest of a key's sequence: `$ESCDELAY` when it is set
    /// (ncurses' own variable, for a link that may split a key's bytes), else 25 ms, so Esc answers at once. A key's
    /// sequence leaves the terminal in one write and ssh sends it in one packet, so 25 ms is enough over SSH too.
    public static func escapeDelay(environment: [String: String]) -> Int32 {
        environment["ESCDELAY"].flatMap { Int32($0) }.map { min(max($0, 0), 10_000) } ?? 25
    }

    /// Opens the terminal. `colorLimit` caps the colours used (NO_COLOR passes `.none`); `terminalType`,
    /// `output` and `input` default to `$TERM`, stdout and stdin (the bench passes a file to count bytes);
    /// `escapeDelay` is in milliseconds (`escapeDelay(environment:)`); `reportsMouse` asks the terminal for clicks and
    /// the wheel.
    public init(colorLimit: ColorMode? = nil, terminalType: String? = nil,
                output: UnsafeMutablePointer<FILE>? = nil, input: UnsafeMutablePointer<FILE>? = nil,
                escapeDelay: Int32 = 25, reportsMouse: Bool = false) throws(TerminalError) {
        let outputFile = output ?? darkroom_stdout()
        let inputFile = input ?? darkroom_stdin()
        guard let outputFile, let inputFile else { throw TerminalError.notATerminal(terminalType: terminalType ?? "") }
        // Held until `close`: curses has one current screen per process.
        CursesScreenLock.acquire()
        let created: OpaquePointer? = terminalType.map { type in type.withCString { newterm($0, outputFile, inputFile) } }
            ?? newterm(nil, outputFile, inputFile)
        guard let created else {
            CursesScreenLock.release()
            throw TerminalError.notATerminal(terminalType: terminalType ?? String(cString: getenv("TERM") ?? strdup("")))
        }
        screen = created
        self.output = outputFile
        self.input = inputFile
        ownsFiles = false
        terminalDescriptor = dup(fileno(outputFile))
        capture = terminalDescriptor >= 0 ? ScratchFile.open(name: "darkroom-frame") : nil
        set_term(created)
        // Raw, not cbreak: Ctrl-C, Ctrl-Z and Ctrl-\ reach the app as keys (quit asks first while jobs run; Ctrl-Z
        // is undo in the prompt) instead of signals that would end or stop it behind the app's back.
        raw()
        noecho()
        nonl()
        intrflush(darkroom_curses_stdscr(), false)
        keypad(darkroom_curses_stdscr(), true)
        set_escdelay(escapeDelay)
        self.reportsMouse = reportsMouse && darkroom_curses_report_mouse(1) != 0
        isUnicode = TerminalLocale.charactersAreUTF8()

        var detected = ColorMode.none
        if has_colors() {
            start_color()
            use_default_colors()
            let colors = Int(darkroom_curses_colors())
            let hasDirectColor = "RGB".withCString { tigetflag($0) } > 0
            if hasDirectColor || colors >= 1 << 24 {
                detected = .truecolor
            } else if colors >= 256 {
                detected = .xterm256
            } else if colors >= 16 {
                detected = .ansi16
            } else if colors >= 8 {
                detected = .ansi8
            }
        }
        let order = ColorMode.allCases
        if let colorLimit, let limitIndex = order.firstIndex(of: colorLimit), let detectedIndex = order.firstIndex(of: detected),
           limitIndex > detectedIndex {
            detected = colorLimit
        }
        colorMode = detected
        pairs = ColorPairAllocator(capacity: detected == .none ? 0 : Int(darkroom_curses_color_pairs()) - 1)
        writeOut(Self.bracketedPasteOn)
    }

    /// xterm's bracketed paste (mode 2004): the terminal marks pasted text, so the app takes it as text rather than
    /// as keys. On while the app has the terminal; off whenever the shell or an editor gets it back. Terminals
    /// without it ignore the mode.
    static let bracketedPasteOn = Array("\u{1B}[?2004h".utf8)
    static let bracketedPasteOff = Array("\u{1B}[?2004l".utf8)
    /// How long, in milliseconds, the rest of a paste may take to arrive (a long paste over a slow link comes in pieces).
    static let pastePieceWait: Int32 = 1000

    deinit {
        close()
    }

    /// Restores the terminal. Safe to call more than once.
    public func close() {
        guard !closed else { return }
        closed = true
        set_term(screen)
        writeOut(Self.bracketedPasteOff)
        endwin()
        delscreen(screen)
        if let capture { fclose(capture) }
        if terminalDescriptor >= 0 { Self.closeDescriptor(terminalDescriptor) }
        CursesScreenLock.release()
    }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(darkroom_curses_stdscr())), Int(getmaxy(darkroom_curses_stdscr())))
    }

    public func present(_ frame: CellBuffer) {
        present(frame, graphics: GraphicsFrame())
    }

    /// One write per frame. A frame that changes pictures is one synchronized update: the begin marker and the
    /// deletes, curses' output (with the rows the pictures lived in written again: curses does not know a sixel
    /// overwrote them), then the pictures and the end marker.
    public func present(_ frame: CellBuffer, graphics: GraphicsFrame) {
        let synchronized = !graphics.isEmpty
        guard capture != nil else {
            // No scratch file: curses writes to the terminal itself, between the frame's two halves.
            if synchronized { writeOut(GraphicsFrame.beginSynchronized + graphics.erase) }
            drawWithCurses(frame, repaintRows: graphics.repaintRows)
            if synchronized { writeOut(pictures(graphics.draw) + GraphicsFrame.endSynchronized) }
            return
        }
        let captured = capturingCurses { drawWithCurses(frame, repaintRows: graphics.repaintRows) }
        guard synchronized else {
            writeOut(captured)
            return
        }
        writeOut(GraphicsFrame.beginSynchronized + graphics.erase + captured + pictures(graphics.draw) + GraphicsFrame.endSynchronized)
    }

    /// The pictures' bytes, with the cursor hidden while they are drawn when the frame shows it (the prompt's).
    /// Each picture moves the cursor to its top-left cell; a terminal that paints the visible cursor there on the
    /// way (xterm does, when the bytes arrive in more than one read) paints that cell again as text when the cursor
    /// moves on, over the picture: a cell-sized notch in a sixel tile after an image arrives while typing.
    private func pictures(_ draw: [UInt8]) -> [UInt8] {
        guard cursorVisible == true, !draw.isEmpty else { return draw }
        return Self.cursorHidden + draw + Self.cursorShown
    }

    /// DECTCEM: every terminal that draws pictures in pixels has it.
    static let cursorHidden = Array("\u{1B}[?25l".utf8)
    static let cursorShown = Array("\u{1B}[?25h".utf8)

    /// Runs `body` with curses' output descriptor pointed at the capture file, and returns what curses wrote
    /// (nothing if the descriptor could not be redirected: then curses wrote to the terminal itself).
    private func capturingCurses(_ body: () -> Void) -> [UInt8] {
        let cursesDescriptor = fileno(output)
        guard let capture, dup2(fileno(capture), cursesDescriptor) >= 0 else {
            body()
            return []
        }
        body()
        _ = dup2(terminalDescriptor, cursesDescriptor)
        let file = fileno(capture)
        let length = Int(lseek(file, 0, SEEK_CUR))
        var bytes = [UInt8](repeating: 0, count: max(0, length))
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { pread(file, $0.baseAddress?.advanced(by: done), length - done, off_t(done)) }
            if count <= 0 { break }
            done += count
        }
        _ = ftruncate(file, 0)
        _ = lseek(file, 0, SEEK_SET)
        return Array(bytes.prefix(done))
    }

    private func drawWithCurses(_ frame: CellBuffer, repaintRows: [Int]) {
        for row in repaintRows where row >= 0 && row < frame.height {
            wredrawln(darkroom_curses_stdscr(), Int32(row), 1)
        }
        if !draw(frame) {
            // Out of colour pairs: start over with fresh pairs and repaint everything.
            pairs.reset()
            previous = nil
            wclear(darkroom_curses_stdscr())
            _ = draw(frame)
        }
        if let cursor = frame.cursor {
            setCursorVisible(true)
            wmove(darkroom_curses_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursorVisible(false)
        }
        wnoutrefresh(darkroom_curses_stdscr())
        doupdate()
        previous = frame
    }

    /// Draws the changed cells into curses' virtual screen; false when colour pairs ran out.
    private func draw(_ frame: CellBuffer) -> Bool {
        for index in frame.changedIndices(since: previous) {
            let cell = frame.cells[index]
            guard !cell.isContinuation else { continue }
            guard var pair = pairNumber(for: cell.style) else { return false }
            var character = cchar_t()
            var wide = cell.glyph.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) }
            wide.append(0)
            setcchar(&character, wide, attributes(of: cell.style), 0, &pair)
            mvwadd_wch(darkroom_curses_stdscr(), Int32(index / frame.width), Int32(index % frame.width), &character)
        }
        return true
    }

    private func pairNumber(for style: Style) -> Int32? {
        guard let foreground = style.foreground.cursesNumber(in: colorMode),
              let background = style.background.cursesNumber(in: colorMode) else { return 0 }
        switch pairs.pair(foreground: foreground, background: background) {
        case .existing(let number):
            return number
        case .new(let number):
            init_extended_pair(number, foreground, background)
            return number
        case .exhausted:
            return nil
        }
    }

    private func attributes(of style: Style) -> attr_t {
        var bits: attr_t = 0
        if style.attributes.contains(.bold) { bits |= Self.attributeBold }
        if style.attributes.contains(.dim) { bits |= Self.attributeDim }
        if style.attributes.contains(.reverse) { bits |= Self.attributeReverse }
        if style.attributes.contains(.underline) { bits |= Self.attributeUnderline }
        return bits
    }

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        cursorVisible = visible
        curs_set(visible ? 1 : 0)
    }

    public func nextInput(timeoutMilliseconds: Int) -> InputEvent? {
        wtimeout(darkroom_curses_stdscr(), Int32(timeoutMilliseconds))
        guard let raw = readRaw() else { return nil }
        if case .keyCode(KEY_RESIZE, _) = raw {
            // Repaint everything: the terminal's contents after a resize are not what curses remembers.
            previous = nil
            wclear(darkroom_curses_stdscr())
            let (width, height) = size
            return .resize(width: width, height: height)
        }
        return decoder.decode(raw) { wait in
            wtimeout(darkroom_curses_stdscr(), wait == .pasteContinues ? Self.pastePieceWait : 0)
            return readRaw()
        }
    }

    private func readRaw() -> KeyDecoder.RawInput? {
        var value: wint_t = 0
        let status = wget_wch(darkroom_curses_stdscr(), &value)
        if status == KEY_CODE_YES {
            let code = Int32(value)
            if code == KEY_MOUSE, let mouse = Self.readMouse() { return mouse }
            let name = keyname(code).map { String(cString: $0) } ?? ""
            return .keyCode(code, name: name)
        }
        if status == OK { return .character(UInt32(value)) }
        return nil
    }

    /// The mouse report behind a KEY_MOUSE; nil when curses has none.
    private static func readMouse() -> KeyDecoder.RawInput? {
        var x: Int32 = 0, y: Int32 = 0
        let kind: MouseEvent.Kind
        switch darkroom_curses_mouse_event(&x, &y) {
        case -1: return nil
        case 1: kind = .press
        case 4: kind = .wheel(-1)
        case 5: kind = .wheel(1)
        default: kind = .other
        }
        return .mouse(MouseEvent(kind, x: Int(x), y: Int(y)))
    }

    public var inputDescriptor: Int32? { fileno(input) }

    public func terminalResized() -> (width: Int, height: Int) {
        var window = winsize()
        if ioctl(fileno(output), UInt(TIOCGWINSZ), &window) == 0, window.ws_row > 0, window.ws_col > 0 {
            resizeterm(Int32(window.ws_row), Int32(window.ws_col))
        }
        previous = nil
        wclear(darkroom_curses_stdscr())
        return size
    }

    public func suspend() {
        def_prog_mode()
        writeOut(Self.bracketedPasteOff)
        endwin()
    }

    public func resume() {
        reset_prog_mode()
        writeOut(Self.bracketedPasteOn)
        previous = nil
        cursorVisible = nil
        wclear(darkroom_curses_stdscr())
        wrefresh(darkroom_curses_stdscr())
    }

    public func writePassThrough(_ bytes: [UInt8]) {
        writeOut(bytes)
    }

    private static func closeDescriptor(_ descriptor: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }

    /// One write(2) call, repeated only for what a signal or a full buffer left unwritten.
    private func writeOut(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        fflush(output)
        let descriptor = fileno(output)
        var done = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            while done < buffer.count {
                writeCount += 1
                let count = write(descriptor, base + done, buffer.count - done)
                if count > 0 {
                    done += count
                } else if count < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                    // A terminal another program made non-blocking (it is shared with the shell): wait until it
                    // takes more instead of spinning.
                    var writable = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&writable, 1, 1000)
                } else if count < 0, errno != EINTR {
                    return
                }
            }
        }
    }
}
