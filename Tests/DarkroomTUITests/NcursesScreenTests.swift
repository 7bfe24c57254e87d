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
        let output = try #require(tmpfile())
        let input = try #require(fopen("/dev/null", "r"))
        defer { fclose(output); fclose(input) }
        try body(output, input)
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

    /// One write(2) per frame: curses' bytes are captured (however often curses flushes its own buffer of
    /// (2 + lines) x (6 + columns) bytes) and leave with the pictures, inside one synchronized-output pair.
    @Test func aFrameIsOneWrite() throws {
        try Self.withFiles { output, input in
            let screen = try NcursesScreen(terminalType: "xterm-256color", output: output, input: input)
            defer { screen.close() }
            let (width, height) = screen.size
            func written(since offset: Int) -> [UInt8] {
                let end = Int(lseek(fileno(output), 0, SEEK_END))
                var bytes = [UInt8](repeating: 0, count: max(0, end - offset))
                let count = bytes.withUnsafeMutableBytes { pread(fileno(output), $0.baseAddress, end - offset, off_t(offset)) }
                return Array(bytes.prefix(max(0, count)))
            }
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
