import DarkroomImaging
import DarkroomTerminal
import DarkroomTestSupport
import Foundation
import Testing

/// `darkroom show` in real terminals on a headless X server: each run is screenshotted, the drawn
/// rectangle found and scored against the source (mean OKLab error; pixels score under 0.05, blocks
/// of the same picture well over it because the 8-pixel checkerboard is finer than a half block).
@Suite(.serialized) struct RealTerminalTests {
    static let pixelThreshold = 0.05
    static let blocksFloor = 0.06
    static let xMissing = XDisplay.missing(["Xvfb", "import"])

    /// A 256x192 picture with no near-black pixel (the screen is black): gradients and an 8-pixel checkerboard.
    static func picture() -> RGBAImage {
        let width = 256, height = 192
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let offset = (y * width + x) * 4
                pixels[offset] = UInt8(40 + x * 215 / (width - 1))
                pixels[offset + 1] = UInt8(40 + y * 215 / (height - 1))
                pixels[offset + 2] = (x / 8 + y / 8) % 2 == 0 ? 230 : 60
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    struct Outcome: Sendable {
        var rectangle: ScreenScore.Rectangle?
        var score: Double
        var screenshot: String
        var standardError: String
    }

    /// Runs `show` in the terminal `command` builds from the shell line, waits until the drawn rectangle is
    /// stable for two screenshots in a row (terminals start slowly under load), and scores it.
    static func show(in terminal: (String) -> [String], environment: [String: String] = [:], label: String,
                     arguments: String = "") throws -> Outcome {
        let folder = try TemporaryDirectory("real-terminal-\(label)")
        defer { folder.remove() }
        let source = picture()
        let picturePath = folder.url.appendingPathComponent("picture.png").path
        try Data(try PNG.encode(source)).write(to: URL(fileURLWithPath: picturePath))
        let errorPath = folder.url.appendingPathComponent("stderr.txt").path
        let darkroom = BuiltProducts.executable("darkroom").path
        // Hide the cursor afterwards so it is not part of the picture; sleep keeps the window open. The first sleep
        // lets the terminal finish starting, as it has when a person types: one still starting under load (kitty
        // renders in software here) can miss even show's 1.5 s deadline, and blocks are then the right answer.
        let line = "sleep 2; '\(darkroom)' show --size 40x15 \(arguments) '\(picturePath)' 2>'\(errorPath)'; printf '\\033[?25l'; sleep 120"
        let display = try XDisplay()
        defer { display.stop() }
        try display.launch(terminal(line), environment: environment)
        let shot = FileManager.default.temporaryDirectory.appendingPathComponent("darkroom-\(label)-\(display.display.dropFirst()).png").path
        var previous: ScreenScore.Rectangle?
        var screen = RGBAImage(width: 0, height: 0, pixels: [])
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 1)
            screen = try display.screenshot(to: shot)
            let found = ScreenScore.pictureRectangle(in: screen)
            if let found, found == previous, FileManager.default.fileExists(atPath: errorPath) { break }
            previous = found
        }
        let standardError = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        guard let rectangle = previous else { return Outcome(rectangle: nil, score: 1, screenshot: shot, standardError: standardError) }
        let score = ScreenScore.score(screen: screen, rectangle: rectangle, source: source)
        print("\(label): picture at \(rectangle), mean OKLab error \(score) (screenshot \(shot))")
        return Outcome(rectangle: rectangle, score: score, screenshot: shot, standardError: standardError)
    }

    static func xterm(vt340: Bool) -> (String) -> [String] {
        { line in
            ["xterm"] + (vt340 ? ["-ti", "vt340", "-xrm", "XTerm*numColorRegisters: 256"] : [])
                + ["-geometry", "80x30+0+0", "-bw", "0", "-b", "0", "-bg", "black", "-fg", "white", "-fa", "DejaVu Sans Mono", "-fs", "10",
                   "-e", "sh", "-c", line]
        }
    }

    static func expectPixels(_ outcome: Outcome) throws {
        let rectangle = try #require(outcome.rectangle, "nothing drawn; stderr: \(outcome.standardError); screenshot \(outcome.screenshot)")
        // The 4:3 picture fills 40 cells' width; its height follows the aspect.
        #expect(abs(Double(rectangle.width) / Double(rectangle.height) - 4.0 / 3.0) < 0.03, "rectangle \(rectangle)")
        #expect(outcome.score < pixelThreshold, "stderr: \(outcome.standardError); screenshot \(outcome.screenshot)")
    }

    @Test(.enabled(if: xMissing == nil && XDisplay.missing(["xterm"]) == nil, "\(xMissing ?? XDisplay.missing(["xterm"]) ?? "")"))
    func sixelInXtermVT340() async throws {
        try Self.expectPixels(try await OffThePool.run { try Self.show(in: Self.xterm(vt340: true), label: "xterm-vt340") })
    }

    @Test(.enabled(if: xMissing == nil && XDisplay.missing(["mlterm"]) == nil, "\(xMissing ?? XDisplay.missing(["mlterm"]) ?? "")"))
    func sixelInMlterm() async throws {
        let outcome = try await OffThePool.run {
            try Self.show(in: { ["mlterm", "-g", "80x30+0+0", "--bg", "black", "--fg", "white", "--sb=false", "-e", "sh", "-c", $0] },
                          label: "mlterm")
        }
        try Self.expectPixels(outcome)
    }

    @Test(.enabled(if: xMissing == nil && XDisplay.missing(["kitty"]) == nil, "\(xMissing ?? XDisplay.missing(["kitty"]) ?? "")"))
    func kittyProtocolInKitty() async throws {
        let kitty: @Sendable (String) -> [String] = {
            ["kitty", "--config", "NONE", "-o", "background=#000000", "-o", "window_padding_width=0", "-o", "remember_window_size=no",
             "-o", "initial_window_width=800", "-o", "initial_window_height=600", "sh", "-c", $0]
        }
        try Self.expectPixels(try await OffThePool.run { try Self.show(in: kitty, environment: ["LIBGL_ALWAYS_SOFTWARE": "1"], label: "kitty") })
    }

    /// Negative control: plain xterm answers no sixel and no kitty, so `show` must draw blocks, which are
    /// visibly coarser than the picture (and the probe's replies must not show up as text).
    @Test(.enabled(if: xMissing == nil && XDisplay.missing(["xterm"]) == nil, "\(xMissing ?? XDisplay.missing(["xterm"]) ?? "")"))
    func plainXtermFallsBackToBlocks() async throws {
        let outcome = try await OffThePool.run { try Self.show(in: Self.xterm(vt340: false), label: "xterm-plain") }
        let rectangle = try #require(outcome.rectangle, "nothing drawn; stderr: \(outcome.standardError); screenshot \(outcome.screenshot)")
        #expect(rectangle.width > 100, "rectangle \(rectangle)")
        #expect(outcome.score > Self.blocksFloor, "blocks should not match the picture this well; screenshot \(outcome.screenshot)")
    }
}
