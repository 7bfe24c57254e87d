import DarkroomCore
import DarkroomImaging
@testable import DarkroomTUI
import DarkroomTerminal
import DarkroomTestSupport
import Foundation
import Testing

/// A past sweep's grid in the app in a real kitty and xterm in VT340 mode (sixel): opened from the Jobs panel with the keys a user presses, each
/// cell's picture scored in its grid box against its source, a Z page change and the full-screen grid replacing
/// them, and the preview's picture back once the grid is closed. Nested in `RealTerminalTests` (serialized).
/// `DARKROOM_SCREENSHOTS=<folder>` keeps a screenshot of the grid.
extension RealTerminalTests {
    @Suite struct SweepGridWalk {
        typealias Walk = AppWalk
        /// Pixels scored 0.0 in kitty (it shows the fitted PNG as sent) and about 0.017 in xterm's sixel; half blocks
        /// in the same boxes scored 0.106 (a grid cell, about 200x150 pixels) and 0.076 (the full-screen grid's
        /// bigger cell) when the grid was left in blocks.
        static let cellThreshold = 0.04

        /// A third picture far from the other two: the first one's colours inverted.
        static let third: RGBAImage = {
            var image = RealTerminalTests.picture()
            for index in image.pixels.indices where index % 4 != 3 { image.pixels[index] = 255 - image.pixels[index] }
            return image
        }()

        /// 2 (cfg) x 1 (steps) x 2 (seed) cells: page 1 the newest image (first) and the older one (second), page 2
        /// the oldest (third) and a failed cell.
        static func manifest(keys: [String]) throws -> SweepManifest {
            let plan = try SweepPlan.make(base: GenerationParameters(prompt: "a lighthouse", seed: 42),
                                          axes: [try .parse("cfg_scale=4,7"), try .parse("steps=20"), try .parse("seed=1,2")])
            var manifest = SweepManifest(plan: plan, id: "20261129T101500Z-42-0000abcd")
            // Keys are in image order: third (oldest), second, first (newest).
            let byCell = ["0,0": keys[2], "1,0": keys[1], "0,1": keys[0]]
            for index in manifest.cells.indices {
                let cell = manifest.cells[index]
                manifest.cells[index].key = byCell["\(cell.x),\(cell.z)"]
                manifest.cells[index].status = manifest.cells[index].key == nil ? .failed : .saved
                if manifest.cells[index].key == nil { manifest.cells[index].error = "throttled" }
            }
            manifest.status = .finished
            return manifest
        }

        /// The grid's picture box of cell (`x`, 0) on the app's screen, from the app's own layout.
        static func cellBox(_ app: AppInTerminal, manifest: SweepManifest, x: Int, fullScreen: Bool = false) -> ScreenScore.Rectangle {
            var state = AppState(screen: (app.columns, app.rows), theme: Theme(colorMode: .truecolor, unicode: true),
                                 connection: ConnectionInfo(backend: "local", location: ""), now: Date())
            state.preview.isFullScreen = fullScreen
            return app.pixels(SweepGridLayout(area: SweepReducer.gridArea(state), manifest: manifest, cursor: state.sweeps.grid).tile(x: x, y: 0))
        }

        static func walk(_ app: AppInTerminal, manifest: SweepManifest) throws -> [Walk.Check] {
            var checks: [Walk.Check] = []
            func expect(_ ok: Bool, _ message: String) { checks.append(Walk.Check(ok: ok, message: message)) }
            let context = { "stderr: \(app.standardError); screenshot \(app.lastScreenshot)" }
            let preview = app.previewBox()
            let started = try app.waitForScore(in: preview, against: Walk.first) { $0 < Walk.pixelThreshold }
            expect(started < Walk.pixelThreshold, "the preview shows the newest image in pixels; \(context())")

            // Tab to the Jobs panel, the sweep's row, Enter: its grid in the preview.
            try app.press("Tab", "Tab", "Down", "Return")
            let (left, right) = (cellBox(app, manifest: manifest, x: 0), cellBox(app, manifest: manifest, x: 1))
            let shown = try app.waitForScore(in: left, against: Walk.first) { $0 < cellThreshold }
            expect(shown < cellThreshold, "cell (4, seed 1) shows the newest image in pixels in its box \(left): \(shown); \(context())")
            let other = AppInTerminal.score(try app.screenshot(), box: right, source: Walk.second)
            Walk.keepScreenshot(app, as: "app-\(app.label)-grid.png")
            expect(other < cellThreshold, "cell (7, seed 1) shows the second image in its box \(right): \(other); \(context())")

            // Page 2: the oldest image on the left, and nothing of page 1 left on the right (a failed cell, text only).
            try app.press("Next")
            let paged = try app.waitForScore(in: left, against: third) { $0 < cellThreshold }
            expect(paged < cellThreshold, "page 2's cell shows the oldest image: \(paged); \(context())")
            let failed = AppInTerminal.score(try app.screenshot(), box: right, source: Walk.second)
            expect(failed > Walk.goneFloor, "page 1's picture is gone from the failed cell's box: \(failed); \(context())")

            // Full screen: the cell in its bigger box.
            try app.press("f")
            let fullBox = cellBox(app, manifest: manifest, x: 0, fullScreen: true)
            let full = try app.waitForScore(in: fullBox, against: third) { $0 < cellThreshold }
            expect(full < cellThreshold, "the full-screen grid's cell in its box \(fullBox): \(full); \(context())")

            // Esc leaves full screen, Esc again closes the grid: the preview's picture comes back.
            try app.press("Escape", "Escape")
            let back = try app.waitForScore(in: preview, against: Walk.first) { $0 < Walk.pixelThreshold }
            expect(back < Walk.pixelThreshold, "closing the grid brings back the preview's picture: \(back); \(context())")
            return checks
        }

        /// Starts the app in `terminal` with the three images and the sweep's manifest in its bucket, and walks it.
        static func run(label: String, terminal: @escaping (String) -> [String], environment: [String: String] = [:]) throws -> [Walk.Check] {
            var manifest: SweepManifest?
            let app = try AppInTerminal(label: label, images: [third, Walk.second, Walk.first], terminal: terminal, environment: environment) { keys in
                let made = try Self.manifest(keys: keys)
                manifest = made
                return [(made.key, made.encoded())]
            }
            defer { app.stop() }
            return try walk(app, manifest: try #require(manifest))
        }

        @Test(.enabled(if: Walk.missing == nil && XDisplay.missing(["kitty"]) == nil, "\(Walk.missing ?? XDisplay.missing(["kitty"]) ?? "")"))
        func sweepGridInKitty() async throws {
            Walk.expect(try await OffThePool.run {
                try Self.run(label: "kitty-sweep", terminal: Walk.kitty(columns: 110, rows: 34), environment: ["LIBGL_ALWAYS_SOFTWARE": "1"])
            })
        }

        @Test(.enabled(if: Walk.missing == nil && XDisplay.missing(["xterm"]) == nil, "\(Walk.missing ?? XDisplay.missing(["xterm"]) ?? "")"))
        func sweepGridInXtermVT340() async throws {
            Walk.expect(try await OffThePool.run {
                try Self.run(label: "xterm-vt340-sweep", terminal: Walk.xterm(vt340: true, columns: 110, rows: 34))
            })
        }
    }
}
