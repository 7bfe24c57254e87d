import DarkroomImaging
import DarkroomTestSupport
import Foundation
import Testing

/// Nested in `RealTerminalTests`, whose `.serialized` covers it: one terminal at a time.
extension RealTerminalTests {
    /// xterm with a white background answers OSC 11, so `show` without colour draws the picture's dark half in the
    /// (black) foreground and leaves its bright half blank: the picture the right way round. It was a negative:
    /// the bright half drawn in black.
    @Test(.enabled(if: xMissing == nil && XDisplay.missing(["xterm"]) == nil, "\(xMissing ?? XDisplay.missing(["xterm"]) ?? "")"))
    func withoutColourOnAWhiteXtermThePictureIsNotANegative() async throws {
        try await OffThePool.run {
            let folder = try TemporaryDirectory("real-terminal-light")
            defer { folder.remove() }
            // Left half black, right half white.
            let width = 256, height = 192
            var pixels = [UInt8](repeating: 255, count: width * height * 4)
            for y in 0..<height {
                for x in 0..<(width / 2) { pixels.replaceSubrange((y * width + x) * 4..<(y * width + x) * 4 + 3, with: [0, 0, 0]) }
            }
            let picturePath = folder.url.appendingPathComponent("halves.png").path
            try Data(try PNG.encode(RGBAImage(width: width, height: height, pixels: pixels))).write(to: URL(fileURLWithPath: picturePath))
            let errorPath = folder.url.appendingPathComponent("stderr.txt").path
            let darkroom = BuiltProducts.executable("darkroom").path
            // The cursor (a black cell here) is hidden first, so it is not taken for the picture.
            let line = "printf '\\033[?25l'; sleep 2; NO_COLOR=1 '\(darkroom)' show --size 40x15 '\(picturePath)' 2>'\(errorPath)'; sleep 120"
            let display = try XDisplay()
            defer { display.stop() }
            try display.launch(["xterm", "-geometry", "80x30+0+0", "-bw", "0", "-b", "0", "-bg", "white", "-fg", "black",
                                "-fa", "DejaVu Sans Mono", "-fs", "10", "-e", "sh", "-c", line])
            let shot = FileManager.default.temporaryDirectory.appendingPathComponent("darkroom-xterm-white-\(display.display.dropFirst()).png").path
            // The window is the white area (the root around it is black); what is drawn is the dark area inside it,
            // stable over two screenshots (terminals start slowly under load).
            var previous: (window: ScreenScore.Rectangle, drawn: ScreenScore.Rectangle)?
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                Thread.sleep(forTimeInterval: 1)
                let screen = try display.screenshot(to: shot)
                guard let window = ScreenScore.bounds(in: screen, where: { $0 > 200 }),
                      let drawn = ScreenScore.bounds(in: screen, inside: window, where: { $0 < 60 }), drawn.width > 40, drawn.height > 40 else { continue }
                if let previous, previous.window == window, previous.drawn == drawn { break }
                previous = (window, drawn)
            }
            let standardError = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            let (window, drawn) = try #require(previous, "nothing drawn; stderr: \(standardError); screenshot \(shot)")
            print("xterm-white: window \(window), drawn \(drawn) (screenshot \(shot))")
            // 20 of 40 columns by 15 rows: wider than tall by the cells' aspect, starting at the window's left edge.
            #expect(drawn.x - window.x < drawn.width / 4, "the dark half starts \(drawn.x - window.x) px in; screenshot \(shot)")
            #expect(drawn.height > drawn.width / 2, "drawn \(drawn); screenshot \(shot)")
        }
    }
}
