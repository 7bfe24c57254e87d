import Foundation
import Testing
import DarkroomImaging
import DarkroomTUI

#if canImport(Glibc)
import Glibc
#endif

/// Drives the real ncurses screen against a terminfo entry, writing into a file instead of a terminal.
@Suite(.serialized) struct NcursesScreenTests {
    @Test func aSmallChangeWritesFarFewerBytesThanTheFirstPaint() throws {
        let output = try #require(tmpfile())
        let input = try #require(fopen("/dev/null", "r"))
        defer { fclose(output); fclose(input) }
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

    @Test func colourLimitIsHonoured() throws {
        let output = try #require(tmpfile())
        let input = try #require(fopen("/dev/null", "r"))
        defer { fclose(output); fclose(input) }
        let screen = try NcursesScreen(colorLimit: ColorMode.none, terminalType: "xterm-256color", output: output, input: input)
        defer { screen.close() }
        #expect(screen.colorMode == .none)
    }

    @Test func anUnknownTerminalTypeIsAnError() throws {
        let output = try #require(tmpfile())
        let input = try #require(fopen("/dev/null", "r"))
        defer { fclose(output); fclose(input) }
        #expect(throws: TerminalError.self) {
            _ = try NcursesScreen(terminalType: "no-such-terminal-type", output: output, input: input)
        }
    }
}
