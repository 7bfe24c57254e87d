import DarkroomImaging
import DarkroomTUI
import DarkroomTerminal
import DarkroomTestSupport
import Foundation
import Testing

/// The app (not `show`) in real terminals: the preview and the selected gallery tile in pixels, scored against
/// the source; and no picture left behind after a selection change, the help overlay, a resize and exit (the
/// old picture's box no longer matches it). One launch per terminal, since each costs seconds.
/// `DARKROOM_SCREENSHOTS=<folder>` keeps the first screenshot of each (the README's pictures).
/// Nested in `RealTerminalTests`, whose `.serialized` covers it: one terminal at a time, and the tests' waits
/// (synchronous, on one of the cooperative pool's few threads) never hold two of them at once.
extension RealTerminalTests {
    @Suite struct AppWalk {
        static let pixelThreshold = RealTerminalTests.pixelThreshold
        /// A gallery tile is small (about 130x100 pixels), so the 8-pixel checkerboard loses more to scaling.
        static let tileThreshold = 0.08
        /// Over this, the box shows something else than the picture (text, another picture, nothing).
        static let goneFloor = 0.12
        static let missing = XDisplay.missing(["Xvfb", "import", "xdotool"])

        /// Two pictures far apart: the test picture, and the same with red and green swapped and mirrored.
        static let first = RealTerminalTests.picture()
        static let second: RGBAImage = {
            var image = RealTerminalTests.picture()
            let source = image.pixels
            for y in 0..<image.height {
                for x in 0..<image.width {
                    let target = (y * image.width + x) * 4, mirrored = (y * image.width + image.width - 1 - x) * 4
                    image.pixels[target] = source[mirrored + 1]
                    image.pixels[target + 1] = source[mirrored]
                    image.pixels[target + 2] = 255 - source[mirrored + 2] / 2
                }
            }
            return image
        }()

        static func kitty(columns: Int, rows: Int) -> (String) -> [String] {
            { ["kitty", "--config", "NONE", "-o", "background=#000000", "-o", "window_padding_width=0", "-o", "remember_window_size=no",
               "-o", "initial_window_width=\(columns)c", "-o", "initial_window_height=\(rows)c", "-o", "font_size=9", "sh", "-c", $0] }
        }

        static func xterm(vt340: Bool, columns: Int, rows: Int) -> (String) -> [String] {
            { ["xterm"] + (vt340 ? ["-ti", "vt340", "-xrm", "XTerm*numColorRegisters: 256"] : [])
                + ["-tn", "xterm-256color", "-geometry", "\(columns)x\(rows)+0+0", "-bw", "0", "-b", "0", "-bg", "black", "-fg", "white",
                   "-fa", "DejaVu Sans Mono",
                   "-fs", "9", "-e", "sh", "-c", $0] }
        }

        static func keepScreenshot(_ app: AppInTerminal, as name: String) {
            guard let folder = ProcessInfo.processInfo.environment["DARKROOM_SCREENSHOTS"], !folder.isEmpty else { return }
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let screen = try? PNG.decode(contentsOf: app.lastScreenshot)
            guard let screen else { return }
            // Only the terminal's window, not the whole X screen around it.
            let window = ScreenScore.crop(screen, ScreenScore.Rectangle(x: 0, y: 0, width: min(screen.width, app.columns * app.cell.width),
                                                                        height: min(screen.height, app.rows * app.cell.height)))
            try? Data(try PNG.encode(window)).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }

        /// The whole walk: first paint in pixels, the selected tile, a selection change, help, resize, exit.
        static func walk(_ app: AppInTerminal, screenshotName: String, resizeTo: (columns: Int, rows: Int)?) throws -> [Check] {
            var checks: [Check] = []
            func expect(_ ok: Bool, _ message: String) { checks.append(Check(ok: ok, message: message)) }
            let context = { "stderr: \(app.standardError); screenshot \(app.lastScreenshot)" }
            let box = app.previewBox()
            let shown = try app.waitForScore(in: box, against: first) { $0 < pixelThreshold }
            expect(shown < pixelThreshold, "the preview shows the newest image in pixels; \(context())")
            let tile = app.pixels(Layout(width: app.columns, height: app.rows).tilePicture(column: 0, row: 0))
            let tileScore = AppInTerminal.score(try app.screenshot(), box: tile, source: first)
            keepScreenshot(app, as: screenshotName)
            expect(tileScore < tileThreshold, "the selected tile is in pixels; \(context())")

            // Tab to the gallery, then the next (older) image.
            try app.press("Tab", "Tab", "Tab", "Right")
            let changed = try app.waitForScore(in: box, against: second) { $0 < pixelThreshold }
            expect(changed < pixelThreshold, "a selection change shows the next image; \(context())")
            expect(AppInTerminal.score(try app.screenshot(), box: box, source: first) > goneFloor, "the old image is gone; \(context())")

            try app.press("question")
            let underHelp = try app.waitForScore(in: box, against: second) { $0 > goneFloor }
            expect(underHelp > goneFloor, "the help overlay removes the picture; \(context())")
            try app.press("Escape")
            expect(try app.waitForScore(in: box, against: second) { $0 < pixelThreshold } < pixelThreshold, "it comes back; \(context())")

            // Back to the first image and on again: in kitty both are placed by id, the terminal still holding them.
            try app.press("Left")
            expect(try app.waitForScore(in: box, against: first) { $0 < pixelThreshold } < pixelThreshold, "back to the first image; \(context())")
            try app.press("Right")
            expect(try app.waitForScore(in: box, against: second) { $0 < pixelThreshold } < pixelThreshold, "and on again; \(context())")

            var last = box
            if let size = resizeTo {
                try app.resize(columns: size.columns, rows: size.rows)
                let moved = app.previewBox()
                let replaced = try app.waitForScore(in: moved, against: second) { $0 < pixelThreshold }
                expect(replaced < pixelThreshold, "after a resize the picture is placed in the new box \(moved); \(context())")
                expect(AppInTerminal.score(try app.screenshot(), box: box, source: second) > goneFloor,
                        "nothing is left in the old box \(box); \(context())")
                last = moved
            }
            try app.press("q")
            let afterExit = try app.waitForScore(in: last, against: second) { $0 > goneFloor }
            expect(afterExit > goneFloor, "exit removes the picture; \(context())")
            return checks
        }

        /// One expectation of a walk, checked by the test once the walk (off the cooperative pool) is over.
        struct Check: Sendable {
            let ok: Bool
            let message: String
        }

        static func expect(_ checks: [Check]) {
            for check in checks { #expect(check.ok, Comment(rawValue: check.message)) }
        }

        @Test(.enabled(if: missing == nil && XDisplay.missing(["kitty"]) == nil, "\(missing ?? XDisplay.missing(["kitty"]) ?? "")"))
        func appInKitty() async throws {
            Self.expect(try await OffThePool.run {
                let app = try AppInTerminal(label: "kitty", images: [Self.second, Self.first], terminal: Self.kitty(columns: 110, rows: 34),
                                            environment: ["LIBGL_ALWAYS_SOFTWARE": "1"])
                defer { app.stop() }
                return try Self.walk(app, screenshotName: "app-kitty.png", resizeTo: (90, 28))
            })
        }

        static let kittyOverSSHMissing = missing ?? XDisplay.missing(["kitty"]) ?? SSHServer.missing

        /// The app in kitty on the far side of an SSH connection (a private sshd on loopback), through a relay that
        /// holds every byte `delay` each way when one is given.
        static func kittyOverSSH(label: String, delay: Duration? = nil, _ body: (AppInTerminal) throws -> [Check]) throws -> [Check] {
            let server = try SSHServer.start()
            defer { server.stop() }
            let link = try delay.map { try SlowLink.start(to: server.port, delay: $0) }
            defer { link?.stop() }
            let app = try AppInTerminal(label: label, images: [second, first], terminal: kitty(columns: 110, rows: 34),
                                        environment: ["LIBGL_ALWAYS_SOFTWARE": "1"], ssh: server, relay: link?.port)
            defer { app.stop() }
            return try body(app)
        }

        /// The same walk over SSH: the terminal's answers to the probe, the pictures and the window change all cross
        /// the connection, as for a remote user.
        @Test(.enabled(if: kittyOverSSHMissing == nil, "\(kittyOverSSHMissing ?? "")"))
        func appInKittyOverSSH() async throws {
            Self.expect(try await OffThePool.run {
                try Self.kittyOverSSH(label: "kitty-ssh") { try Self.walk($0, screenshotName: "app-kitty-ssh.png", resizeTo: (90, 28)) }
            })
        }

        /// Over a slow link (600 ms each way) kitty's answers to the probe miss its 500 ms deadline, so the app starts
        /// in blocks; when the answers arrive it takes up kitty graphics, with no key pressed.
        @Test(.enabled(if: kittyOverSSHMissing == nil, "\(kittyOverSSHMissing ?? "")"))
        func appInKittyOverASlowLinkTakesUpPixelsWhenTheAnswersArrive() async throws {
            Self.expect(try await OffThePool.run {
                try Self.kittyOverSSH(label: "kitty-slow", delay: .milliseconds(600)) { app in
                    let shown = try app.waitForScore(in: app.previewBox(), against: Self.first, seconds: 60) { $0 < Self.pixelThreshold }
                    return [Check(ok: shown < Self.pixelThreshold, message: "the preview is in pixels once the late answers are in "
                                  + "(score \(shown)); stderr: \(app.standardError); screenshot \(app.lastScreenshot)")]
                }
            })
        }

        /// The mouse in a real xterm (vt340, sixel): a click on the second gallery tile shows that image in
        /// the preview, the wheel over the gallery goes back to the first, and over the preview on to the second again.
        @Test(.enabled(if: missing == nil && XDisplay.missing(["xterm"]) == nil, "\(missing ?? XDisplay.missing(["xterm"]) ?? "")"))
        func appInXtermTakesClicksAndTheWheel() async throws {
            Self.expect(try await OffThePool.run {
                let app = try AppInTerminal(label: "xterm-mouse", images: [Self.second, Self.first],
                                            terminal: Self.xterm(vt340: true, columns: 110, rows: 34))
                defer { app.stop() }
                return try Self.clickAndScroll(app)
            })
        }

        /// The same in kitty, a second terminal's own mouse reporting (xterm-kitty means true colour, so curses asks
        /// through xterm-direct's entry, for SGR reports; the X10 encoding is `NcursesScreenTests`').
        @Test(.enabled(if: missing == nil && XDisplay.missing(["kitty"]) == nil, "\(missing ?? XDisplay.missing(["kitty"]) ?? "")"))
        func appInKittyTakesClicksAndTheWheel() async throws {
            Self.expect(try await OffThePool.run {
                let app = try AppInTerminal(label: "kitty-mouse", images: [Self.second, Self.first], terminal: Self.kitty(columns: 110, rows: 34),
                                            environment: ["LIBGL_ALWAYS_SOFTWARE": "1"])
                defer { app.stop() }
                return try Self.clickAndScroll(app)
            })
        }

        static func clickAndScroll(_ app: AppInTerminal) throws -> [Check] {
            var checks: [Check] = []
            func expect(_ ok: Bool, _ message: String) { checks.append(Check(ok: ok, message: message)) }
            let context = { "stderr: \(app.standardError); screenshot \(app.lastScreenshot)" }
            let box = app.previewBox()
            let layout = Layout(width: app.columns, height: app.rows)
            expect(try app.waitForScore(in: box, against: first) { $0 < pixelThreshold } < pixelThreshold,
                   "the preview shows the newest image; \(context())")
            let tile = layout.tilePicture(column: 1, row: 0)
            try app.click(x: tile.x + tile.width / 2, y: tile.y + tile.height / 2)
            expect(try app.waitForScore(in: box, against: second) { $0 < pixelThreshold } < pixelThreshold,
                   "a click on the second tile shows its image; \(context())")
            try app.click(x: tile.x + tile.width / 2, y: tile.y + tile.height / 2, button: 4)
            expect(try app.waitForScore(in: box, against: first) { $0 < pixelThreshold } < pixelThreshold,
                   "the wheel up over the gallery goes back to the first image; \(context())")
            try app.click(x: layout.preview.maxX - 3, y: layout.preview.y + 2, button: 5)
            expect(try app.waitForScore(in: box, against: second) { $0 < pixelThreshold } < pixelThreshold,
                   "the wheel down over the preview steps on to the second; \(context())")
            try app.press("q")
            return checks
        }

        @Test(.enabled(if: missing == nil && XDisplay.missing(["xterm"]) == nil, "\(missing ?? XDisplay.missing(["xterm"]) ?? "")"))
        func appInXtermVT340() async throws {
            Self.expect(try await OffThePool.run {
                let app = try AppInTerminal(label: "xterm-vt340", images: [Self.second, Self.first],
                                            terminal: Self.xterm(vt340: true, columns: 110, rows: 34))
                defer { app.stop() }
                return try Self.walk(app, screenshotName: "app-xterm-vt340.png", resizeTo: (90, 28))
            })
        }

        /// Negative control: plain xterm has no sixel, so the app draws blocks, which do not match the picture this well.
        @Test(.enabled(if: missing == nil && XDisplay.missing(["xterm"]) == nil, "\(missing ?? XDisplay.missing(["xterm"]) ?? "")"))
        func appInPlainXtermShowsBlocks() async throws {
            let (score, context) = try await OffThePool.run {
                let app = try AppInTerminal(label: "xterm-plain", images: [Self.second, Self.first],
                                            terminal: Self.xterm(vt340: false, columns: 110, rows: 34))
                defer { app.stop() }
                // Wait for the block picture to be painted (something drawn in the box), then score it.
                let score = try app.waitForScore(in: app.previewBox(), against: Self.first, seconds: 20) { $0 < 1 }
                return (score, "stderr: \(app.standardError); screenshot \(app.lastScreenshot)")
            }
            #expect(score < 1, "a block picture is drawn; \(context)")
            #expect(score > RealTerminalTests.blocksFloor, "blocks should not match the picture this well; \(context)")
        }
    }
}
