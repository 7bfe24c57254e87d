import ArgumentParser
import DarkroomBackend
import DarkroomCore
import DarkroomImaging
import DarkroomSetup
import DarkroomTestSupport
import DarkroomTUI
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `darkroom-bench tui`: time to first paint, the cost of one gallery frame, bytes sent to the terminal, and
/// memory with a large gallery.
struct TUIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Time the terminal app's first paint and gallery frames; count terminal bytes; measure memory."
    )

    @Option(help: "Images in the synthetic gallery.")
    var entries: Int = 10_000

    @Option(help: "Rendered thumbnails held in the memory cache.")
    var thumbnails: Int = 500

    @Option(help: "Frames to time (the median and 95th percentile are printed).")
    var frames: Int = 200

    @Option(help: "Jobs and keystrokes timed on the app on a pseudo-terminal.")
    var latencyRuns: Int = 20

    @Flag(help: "Skip the figures of the built app on a pseudo-terminal.")
    var skipTerminal = false

    @Flag(help: "Only the app's selection change to a new image in pixels (kitty) on a pseudo-terminal.")
    var pixelsOnly = false

    /// 180×60 lays the gallery out as 6 tiles by 4 rows: 24 visible thumbnails.
    static let width = 180
    static let height = 60

    func run() throws {
        guard entries > 0, thumbnails > 0, frames > 0 else { throw ValidationError("--entries, --thumbnails and --frames must be positive.") }
        if pixelsOnly {
            var pixels = TUIPixelFigures(images: 6)
            try pixels.run()
            return
        }
        setlocale(LC_ALL, "C.UTF-8")
        // ncurses takes the size of a screen that is not a terminal from these.
        setenv("COLUMNS", "\(Self.width)", 1)
        setenv("LINES", "\(Self.height)", 1)
        let scratch = try TemporaryDirectory("darkroom-bench-tui")
        defer { scratch.remove() }
        let folder = scratch.url
        print("darkroom-bench tui: \(entries) gallery entries, \(thumbnails) cached thumbnails, \(Self.width)×\(Self.height)")

        let firstPaint = try measureFirstPaint(folder: folder)
        print(String(format: "first paint (local stack setup, ncurses init, first frame): %.1f ms", firstPaint * 1000))

        let theme = Theme(colorMode: .xterm256, unicode: true)
        var state = try galleryState(theme: theme)
        let layout = Layout(width: Self.width, height: Self.height)
        print("visible thumbnails: \(layout.gridColumns * layout.gridRows) (\(layout.gridColumns)×\(layout.gridRows))")

        var renderTimes: [Double] = []
        for _ in 0..<frames {
            renderTimes.append(Stopwatch.milliseconds { _ = AppView.render(state) })
        }
        print(Self.row("frame build (render state → cell buffer)", renderTimes))

        var moveTimes: [Double] = []
        for index in 0..<frames {
            moveTimes.append(Stopwatch.milliseconds {
                _ = AppReducer.reduce(&state, .moveGallerySelection(columns: index % 2 == 0 ? 1 : -1, rows: 0))
                _ = AppView.render(state)
            })
        }
        print(Self.row("cursor move (reduce + render)", moveTimes))

        let (fullRepaint, cursorMove) = try terminalBytes(state: state)
        print("bytes to the terminal (xterm-256color): full repaint \(fullRepaint), one cursor move \(cursorMove)")
        print(String(format: "resident memory with the gallery and thumbnails: %.1f MB", ResidentMemory.megabytes()))
        withExtendedLifetime(state) {}
        if !skipTerminal { try TUIAppFigures(runs: latencyRuns).run() }
    }

    private func measureFirstPaint(folder: URL) throws -> Double {
        let environment = ["HOME": folder.path, "XDG_DATA_HOME": folder.appendingPathComponent("data").path,
                           "XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]
        let output = try Self.scratchFile()
        defer { fclose(output) }
        let start = DispatchTime.now().uptimeNanoseconds
        let launch = try Setup.resolve(environment: environment).appLaunch(downloadFolder: folder)
        let screen = try NcursesScreen(terminalType: "xterm-256color", output: output, input: try Self.nullInput())
        defer { screen.close() }
        let theme = Theme(colorMode: screen.colorMode, unicode: screen.isUnicode)
        let state = AppState(screen: screen.size, theme: theme, connection: launch.connection, now: Date(),
                             history: launch.services.files.history.load())
        let inbox = ActionInbox()
        let loop = AppLoop(screen: screen, state: state, runner: EffectRunner(services: launch.services, inbox: inbox, theme: theme),
                           inbox: inbox)
        var paintedAt: UInt64 = 0
        loop.onFirstPaint = { paintedAt = DispatchTime.now().uptimeNanoseconds }
        loop.run(initialActions: []) { _ in true }
        return Double(paintedAt - start) / 1e9
    }

    /// A gallery of synthetic objects with every visible row's thumbnail and `thumbnails` distinct pictures cached.
    private func galleryState(theme: Theme) throws -> AppState {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        var state = AppState(screen: (Self.width, Self.height), theme: theme,
                             connection: ConnectionInfo(backend: "local", location: "/tmp/bench"), now: start)
        let objects = (0..<entries).map { index in
            StoredObject(key: String(format: "output-images/20261126T%06dZ-%d-bench.png", index, index), size: 1_200_000,
                         lastModified: start.addingTimeInterval(Double(index)), etag: "\"\(index)\"")
        }
        state.focus = .gallery
        _ = AppReducer.reduce(&state, .galleryPageLoaded(objects, isFirstPage: true, isLastPage: true))
        let renderer = ThumbnailRenderer(symbols: .half, colors: .xterm256)
        let size = Layout(width: Self.width, height: Self.height).thumbnailSize
        for (index, object) in state.gallery.objects.prefix(thumbnails).enumerated() {
            let picture = CellPicture(renderer.render(SyntheticImage.gradient(seed: index, side: 64), columns: size.columns, rows: size.rows))
            _ = AppReducer.reduce(&state, .thumbnailLoaded(key: object.key, picture))
        }
        return state
    }

    private func terminalBytes(state: AppState) throws -> (fullRepaint: Int, cursorMove: Int) {
        let output = try Self.scratchFile()
        defer { fclose(output) }
        let screen = try NcursesScreen(terminalType: "xterm-256color", output: output, input: try Self.nullInput())
        defer { screen.close() }
        var state = state
        screen.present(AppView.render(state))
        let full = ftell(output)
        _ = AppReducer.reduce(&state, .moveGallerySelection(columns: 1, rows: 0))
        screen.present(AppView.render(state))
        return (full, ftell(output) - full)
    }

    private static func scratchFile() throws -> UnsafeMutablePointer<FILE> {
        guard let file = ScratchFile.open(name: "darkroom-bench-output") else {
            throw ValidationError("Could not create a scratch file for terminal output.")
        }
        return file
    }

    private static func nullInput() throws -> UnsafeMutablePointer<FILE> {
        guard let file = fopen("/dev/null", "r") else { throw ValidationError("Could not open /dev/null.") }
        return file
    }

    private static func row(_ label: String, _ samples: [Double]) -> String {
        "\(label): \(Samples(samples).summary())"
    }
}
