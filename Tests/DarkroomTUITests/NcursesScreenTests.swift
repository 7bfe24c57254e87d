import CNcurses
import Foundation
import Testing
import DarkroomImaging
@testable import DarkroomTUI

#if canImport(Glibc)
import Glibc
#endif

/// Drives the real ncurses screen against a terminfo entry, writing into a file instead of a terminal.
@Suite(.serialized) struct NcursesScreenTests {
    /// A scratch file for the screen's output and /dev/null for its input, both closed afterwards.
    static func withFiles(_ body: (UnsafeMutablePointer<FILE>, UnsafeMutablePointer<FILE>) throws -> Void) throws {
        let output = try #require(ScratchFile.open(name: "darkroom-test-output"))
        let input = try #require(fopen("/dev/null", "r"))
        defer { fclose(output); fclose(input) }
        try body(output, input)
    }

    @Test func theEscapeDelayIsTheUsersESCDELAYElse25Milliseconds() throws {
        #expect(NcursesScreen.escapeDelay(environment: [:]) == 25)
        #expect(NcursesScreen.escapeDelay(environment: ["ESCDELAY": "300"]) == 300)
        #expect(NcursesScreen.escapeDelay(environment: ["ESCDELAY": "soon"]) == 25)
        #expect(NcursesScreen.escapeDelay(environment: ["ESCDELAY": "-5"]) == 0)
        #expect(NcursesScreen.escapeDelay(environment: ["ESCDELAY": "99999999"]) == 10_000)
        try Self.withFiles { output, input in
            let screen = try NcursesScreen(terminalType: "xterm-256color", output: output, input: input, escapeDelay: 300)
            defer { screen.close() }
            #expect(get_escdelay() == 300)
        }
    }

    @Test func aSmallChangeWritesFarFewerBytesThanTheFirstPaint() throws {
        try Self.withFiles { output, input in
            let screen = try NcursesScreen(terminalType: "xterm-256color", output: output, input: input)
            defer { screen.close() }
            #expect(screen.colorMode == .xterm256)
            let (width, height) = screen.size
            var frame = CellBuffer(width: width, height: height)
            for row in 0..<height {
                frame.put(String(repeating: "darkroom ", count: width / 9), x: 0, y: row,
                          style: Style(foreground: .indexed(UInt8(16 + row % 200)), background: .indexed(234)))
            }
            screen.present(frame)
            let firstPaint = ftell(output)
            frame.put("X", x: 3, y: 3, style: Style(attributes: .reverse))
            screen.present(frame)
            let smallChange = ftell(output) - firstPaint
            #expect(firstPaint > 1000)
            #expect(smallChange > 0)
            #expect(smallChange < 60)
        }
    }

    /// curses' copy of the screen (what it diffs the next frame against, and believes the terminal shows) holds what
    /// the frame holds after a VS16 emoji, a flag and a ZWJ family were drawn over older text: curses counts a cell's
    /// width by its first character alone, so a cell handed a whole cluster used to leave the cell after it stale.
    @Test func cursesKeepsWhatTheFrameShowsAfterEmojiAreDrawnOverOlderText() throws {
        // curses measures characters with the thread's locale; the app runs under the user's UTF-8 one.
        let utf8 = try #require(newlocale(LC_CTYPE_MASK, "C.UTF-8", nil))
        let previousLocale = uselocale(utf8)
        defer {
            uselocale(previousLocale)
            freelocale(utf8)
        }
        try Self.withFiles { output, input in
            let screen = try NcursesScreen(terminalType: "xterm-256color", output: output, input: input)
            defer { screen.close() }
            let (width, height) = screen.size
            var frame = CellBuffer(width: width, height: height)
            for row in 0..<3 { frame.put(String(repeating: "e", count: 30), x: 0, y: row) }
            screen.present(frame)
            frame.put("heart ❤️ end", x: 0, y: 0)
            frame.put("🇯🇵 flag", x: 0, y: 1)
            frame.put("👨‍👩‍👧 family", x: 0, y: 2)
            screen.present(frame)
            for row in 0..<3 {
                var characters = [wchar_t](repeating: 0, count: width * 4 + 1)
                _ = mvwinnwstr(darkroom_curses_stdscr(), Int32(row), 0, &characters, Int32(width * 4))
                let scalars = characters.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
                var cursesRow = String(String.UnicodeScalarView(scalars))
                while cursesRow.last == " " { cursesRow.removeLast() }
                #expect(cursesRow == frame.line(at: row))
            }
        }
    }

    /// One write(2) per frame: curses' bytes are captured (however often curses flushes its own buffer of
    /// (2 + lines) x (6 + columns) bytes) and leave with the pictures, inside one synchronized-output pair.
    @Test func aFrameIsOneWrite() throws {
        try Self.withFiles { output, input in
            let screen = try NcursesScreen(terminalType: "xterm-256color", output: output, input: input)
            defer { screen.close() }
            let (width, height) = screen.size
            func written(since offset: Int) -> [UInt8] { Self.written(to: output, since: offset) }
            var frame = CellBuffer(width: width, height: height)
            for row in 0..<height {
                for word in 0..<(width / 9) {
                    frame.put("darkroom ", x: word * 9, y: row, style: Style(foreground: .indexed(UInt8(16 + (row * 9 + word) % 200)), background: .indexed(234)))
                }
            }
            var writes = screen.writeCount
            screen.present(frame)
            let firstPaint = written(since: 0)
            #expect(screen.writeCount == writes + 1)
            #expect(firstPaint.count > (2 + height) * (6 + width), "the first paint must overflow curses' own buffer")

            frame.put("X", x: 3, y: 3, style: Style(attributes: .reverse))
            let erase = Array("\u{1B}_Ga=d,d=I,i=1\u{1B}\\".utf8), draw = Array("\u{1B}7\u{1B}_Gpicture\u{1B}\\\u{1B}8".utf8)
            writes = screen.writeCount
            screen.present(frame, graphics: GraphicsFrame(erase: erase, repaintRows: [5], draw: draw))
            let update = written(since: firstPaint.count)
            #expect(screen.writeCount == writes + 1)
            // Nothing of curses' before the begin marker or after the end marker: it all went through the one write.
            #expect(update.starts(with: GraphicsFrame.beginSynchronized + erase))
            #expect(Array(update.suffix(draw.count + GraphicsFrame.endSynchronized.count)) == draw + GraphicsFrame.endSynchronized)
            #expect(update.contains(UInt8(ascii: "X")))
            #expect(update.count > (GraphicsFrame.beginSynchronized + erase + draw + GraphicsFrame.endSynchronized).count + 20,
                    "the repainted row is in the frame")
        }
    }

    /// What the screen wrote to `output` from `offset` on.
    static func written(to output: UnsafeMutablePointer<FILE>, since offset: Int) -> [UInt8] {
        let end = Int(lseek(fileno(output), 0, SEEK_END))
        var bytes = [UInt8](repeating: 0, count: max(0, end - offset))
        let count = bytes.withUnsafeMutableBytes { pread(fileno(output), $0.baseAddress, end - offset, off_t(offset)) }
        return Array(bytes.prefix(max(0, count)))
    }

    /// A picture moves the cursor to its top-left cell: while the frame shows the cursor (the prompt's caret) it is
    /// hidden around the pictures, or xterm paints that cell over the picture (`ImagesArriveWhileTyping`); while
    /// the frame hides it, the pictures go out as they are.
    @Test func picturesAreDrawnWithTheCursorHidden() throws {
        try Self.withFiles { output, input in
            let screen = try NcursesScreen(terminalType: "xterm-256color", output: output, input: input)
            defer { screen.close() }
            let (width, height) = screen.size
            let draw = Array("\u{1B}7\u{1B}[3;5H\u{1B}Pq#0;2;100;0;0#0~~\u{1B}\\\u{1B}8".utf8)
            var frame = CellBuffer(width: width, height: height)
            frame.cursor = (x: 2, y: 0)
            screen.present(frame, graphics: GraphicsFrame(draw: draw))
            let withCursor = Self.written(to: output, since: 0)
            let wrapped = NcursesScreen.cursorHidden + draw + NcursesScreen.cursorShown + GraphicsFrame.endSynchronized
            #expect(Array(withCursor.suffix(wrapped.count)) == wrapped)

            frame.cursor = nil
            screen.present(frame, graphics: GraphicsFrame(draw: draw))
            let withoutCursor = Self.written(to: output, since: withCursor.count)
            // Nothing shows the cursor after them.
            #expect(Array(withoutCursor.suffix(draw.count + GraphicsFrame.endSynchronized.count)) == draw + GraphicsFrame.endSynchronized)
        }
    }

    /// What a descriptor of this process is open on, as /proc shows it.
    static func target(of file: UnsafeMutablePointer<FILE>) throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fileno(file))")
    }

    /// Whether `file` reads back what is written to it, after being emptied the way the screen empties its capture.
    static func roundTrips(_ file: UnsafeMutablePointer<FILE>) -> Bool {
        let descriptor = fileno(file)
        let bytes = Array("darkroom frame \u{1B}[0m".utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { return false }
        var read = [UInt8](repeating: 0, count: bytes.count)
        guard pread(descriptor, &read, read.count, 0) == bytes.count, read == bytes else { return false }
        return ftruncate(descriptor, 0) == 0 && lseek(descriptor, 0, SEEK_SET) == 0 && lseek(descriptor, 0, SEEK_END) == 0
    }

    /// Curses' frames are captured in memory (memfd), not in a file on /tmp: nothing on a filesystem, nothing left
    /// when the process is killed, nothing inherited by a program the app starts.
    @Test func framesAreCapturedInMemory() throws {
        try Self.withFiles { output, input in
            let screen = try NcursesScreen(terminalType: "xterm-256color", output: output, input: input)
            defer { screen.close() }
            let capture = try #require(screen.capture)
            #expect(try Self.target(of: capture).hasPrefix("/memfd:darkroom-frame"))
            #expect(fcntl(fileno(capture), F_GETFD) & FD_CLOEXEC != 0)
        }
        let scratch = try #require(ScratchFile.open(name: "darkroom-test"))
        defer { fclose(scratch) }
        #expect(Self.roundTrips(scratch))
    }

    /// Where memfd_create fails (here: a name longer than the kernel takes; on an old kernel: ENOSYS) the scratch
    /// file is a `tmpfile()`, which works the same.
    @Test func aScratchFileFallsBackToTmpfile() throws {
        let scratch = try #require(ScratchFile.open(name: String(repeating: "n", count: 300)))
        defer { fclose(scratch) }
        #expect(try !Self.target(of: scratch).hasPrefix("/memfd:"))
        #expect(Self.roundTrips(scratch))
    }

    /// With `reportsMouse` curses asks the terminal for the mouse as its terminfo says (xterm-256color: SGR mode 1006
    /// with 1000), reads the reports back as events (a release and another button as `.other`: read, not taken for
    /// input that ended), and closing the screen asks for them no more. Without it nothing is asked for.
    @Test func mouseReportsAreAskedForReadAndTurnedOff() throws {
        func run(reportsMouse: Bool) throws -> (events: [InputEvent?], written: String) {
            var ends: [Int32] = [0, 0]
            try #require(pipe(&ends) == 0)
            let output = try #require(ScratchFile.open(name: "darkroom-test-output"))
            let input = try #require(fdopen(ends[0], "r"))
            defer { fclose(output); fclose(input); close(ends[1]) }
            let screen = try NcursesScreen(terminalType: "xterm-256color", output: output, input: input, reportsMouse: reportsMouse)
            #expect(screen.reportsMouse == reportsMouse)
            // Press and release at column 10, row 5 (1-based); the wheel up and down; the right button; a quick tap's
            // press and release read at once (curses makes one click of them); a key.
            let reports = ["\u{1B}[<0;10;5M", "\u{1B}[<0;10;5m", "\u{1B}[<64;3;2M", "\u{1B}[<65;3;2M", "\u{1B}[<2;1;1M",
                           "\u{1B}[<0;4;7M\u{1B}[<0;4;7m", "x"]
            let events = reports.map { report in
                _ = write(ends[1], report, report.utf8.count)
                return screen.nextInput(timeoutMilliseconds: 500)
            }
            screen.close()
            return (events, String(decoding: Self.written(to: output, since: 0), as: UTF8.self))
        }
        let (events, written) = try run(reportsMouse: true)
        #expect(events == [
            .mouse(MouseEvent(.press, x: 9, y: 4)), .mouse(MouseEvent(.other, x: 9, y: 4)),
            .mouse(MouseEvent(.wheel(-1), x: 2, y: 1)), .mouse(MouseEvent(.wheel(1), x: 2, y: 1)),
            .mouse(MouseEvent(.other, x: 0, y: 0)), .mouse(MouseEvent(.press, x: 3, y: 6)), .key(.char("x")),
        ])
        let on = try #require(written.range(of: "\u{1B}[?1006;1000h"), "asked for: \(written.debugDescription)")
        #expect(written.range(of: "\u{1B}[?1006;1000l", range: on.upperBound..<written.endIndex) != nil, "and turned off at the end")

        let (_, withoutMouse) = try run(reportsMouse: false)
        #expect(!withoutMouse.contains("\u{1B}[?1006;1000h"))

        // X10 reports, as screen's and tmux's entries (kmous \E[M) have them: a byte each for the button, column and row,
        // plus 32. A press at column 5, row 19, its release (button 3: "released"), the wheel down.
        try Self.withFiles { output, _ in
            var ends: [Int32] = [0, 0]
            try #require(pipe(&ends) == 0)
            let input = try #require(fdopen(ends[0], "r"))
            defer { fclose(input); close(ends[1]) }
            let screen = try NcursesScreen(terminalType: "screen-256color", output: output, input: input, reportsMouse: true)
            defer { screen.close() }
            #expect(screen.reportsMouse)
            let events = ["\u{1B}[M %3", "\u{1B}[M#%3", "\u{1B}[Ma%3"].map { report in
                _ = write(ends[1], report, report.utf8.count)
                return screen.nextInput(timeoutMilliseconds: 500)
            }
            #expect(events == [.mouse(MouseEvent(.press, x: 4, y: 18)), .mouse(MouseEvent(.other, x: 4, y: 18)),
                               .mouse(MouseEvent(.wheel(1), x: 4, y: 18))])
        }

        // A terminal whose terminfo entry names no mouse (kmous) is not asked, and the help does not offer it.
        try Self.withFiles { output, input in
            let vt100 = try NcursesScreen(terminalType: "vt100", output: output, input: input, reportsMouse: true)
            defer { vt100.close() }
            #expect(!vt100.reportsMouse)
        }
    }

    @Test func colourLimitIsHonoured() throws {
        try Self.withFiles { output, input in
            let screen = try NcursesScreen(colorLimit: ColorMode.none, terminalType: "xterm-256color", output: output, input: input)
            defer { screen.close() }
            #expect(screen.colorMode == .none)
        }
    }

    @Test func anUnknownTerminalTypeIsAnError() throws {
        try Self.withFiles { output, input in
            #expect(throws: TerminalError.self) {
                _ = try NcursesScreen(terminalType: "no-such-terminal-type", output: output, input: input)
            }
        }
    }
}
