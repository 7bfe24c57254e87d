import ArgumentParser
import DarkroomCore
import DarkroomImaging
import DarkroomSetup
import DarkroomTerminal
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `darkroom show FILE.png`: prints a PNG in the terminal, in real pixels (kitty, sixel, iTerm2) where the
/// terminal answers that it can, else as coloured block characters, like `chafa`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a PNG image in the terminal, in pixels where the terminal supports it, else as coloured block characters."
    )

    @Argument(help: "The PNG file to show.", completion: .file(extensions: ["png"]))
    var file: String

    @Option(help: "Size in cells as COLSxROWS, each 1-1000 (default: the terminal's size, or 80x40 when not a terminal).")
    var size: CellBox?

    @Option(help: "Characters to draw with: half, quad or ascii (default: half, or ascii when the locale is not UTF-8).")
    var symbols: SymbolSet?

    @Option(help: "Colours: truecolor, 256, 16, 8 or none (default: from COLORTERM and TERM; NO_COLOR turns colour off).")
    var colors: ColorMode?

    @Option(help: "Image protocol: auto (ask the terminal), kitty, sixel, iterm2 or blocks (default: the config file's `graphics`, else $DARKROOM_GRAPHICS, else auto).")
    var graphics: GraphicsPreference?

    @Flag(help: "Dither sixel output (smoother gradients, more bytes).")
    var dither = false

    func validate() throws {
        if let size, !CellBox.sides.contains(size.columns) || !CellBox.sides.contains(size.rows) {
            throw ValidationError("--size wants each of COLSxROWS from 1 to 1000, not \(size.columns)x\(size.rows).")
        }
    }

    func run() throws {
        do {
            try show()
        } catch let error as PNGError {
            // The error says what is wrong with the image; in `darkroom show *.png` the file it is about must be said too.
            if error.namesItsFile { throw error }
            throw CommandFailure("\(file): \(error)")
        }
    }

    private func show() throws {
        let environment = ProcessInfo.processInfo.environment
        let box = size ?? CellBox.terminal(environment: environment)
        // The same setting as the app's, read the same way: a terminal where pixels misbehave is set once.
        let preference = graphics ?? Setup.resolve().settings.graphics
        let capabilities = CapabilityProbe.run(environment: environment, preference: preference)
        // Replies that missed the deadline are read and dropped before the shell gets the terminal back.
        defer { TerminalQuery.finishLateReplies(waitingUpTo: .seconds(1)) }
        if let encoder = GraphicsRenderer.encoder(for: capabilities, dither: dither), let cell = capabilities.cellPixels {
            try showPixels(encoder: encoder, cell: cell, box: box)
            return
        }
        let colors = colors ?? capabilities.colorMode
        let renderer = ThumbnailRenderer(symbols: symbols ?? Self.defaultSymbols(), colors: colors, cellAspect: capabilities.cellAspect ?? 2.0,
                                         background: capabilities.background ?? .black)
        // Errors go to ArgumentParser, which prints the one `Error: …` line every subcommand uses.
        let grid = try renderer.render(contentsOf: file, columns: box.columns, rows: box.rows)
        try StandardStreams.writeOutput(ANSISerializer.serialize(grid, colors: colors))
    }

    /// Draws the image at the cursor with `encoder`, then moves the cursor below it.
    private func showPixels(encoder: any GraphicsEncoder, cell: PixelSize, box: CellBox) throws {
        let renderer = GraphicsRenderer(encoder: encoder, cellPixels: cell)
        // kitty replaces an image sent again under an id it holds, and with it every picture of that id still on
        // screen: with one fixed id, each `show` took the previous one's picture out of the scrollback. A random id
        // per picture keeps them all (the app's ids are spread over the same 24 bits; a clash is one in millions).
        let encoded = try renderer.render(png: PNG.readFile(file), columns: box.columns, rows: box.rows,
                                          imageID: UInt32.random(in: 0x100...0xFF_FFFF))
        var bytes = encoded.bytes
        switch encoder.graphicsProtocol {
        case .kitty:
            // kitty leaves the cursor in place (C=1) or the placeholders end on the last row: step below the picture.
            bytes += Array(((encoder as? KittyEncoder)?.placeholders == true ? "\r\n" : String(repeating: "\n", count: encoded.rows) + "\r").utf8)
        case .sixel, .iterm2:
            bytes += Array("\r\n".utf8)
        case .blocks:
            break
        }
        try StandardStreams.writeOutput(bytes)
    }

    /// Block glyphs need UTF-8: the app's rule (`TerminalLocale`), so `show` and the app draw alike.
    private static func defaultSymbols() -> SymbolSet {
        CommandGlyphs.current.isUnicode ? .half : .ascii
    }
}

/// A size in terminal cells, written `COLSxROWS`.
struct CellBox: ExpressibleByArgument {
    var columns: Int
    var rows: Int

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// Each side's range, checked by `ShowCommand.validate` so the refusal can say it.
    static let sides = 1...1_000

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let columns = Int(parts[0]), let rows = Int(parts[1]) else { return nil }
        self.init(columns: columns, rows: rows)
    }

    /// The terminal's size (`COLUMNS`/`LINES` override what the terminal reports), one row short
    /// so the shell prompt does not scroll the top away; 80x40 when standard output is not a terminal.
    static func terminal(environment: [String: String]) -> CellBox {
        func override(_ name: String) -> Int? {
            environment[name].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        }
        let reported = TerminalQuery.outputWindowSize()
        let columns = override("COLUMNS") ?? reported?.columns
        let lines = override("LINES") ?? reported?.rows
        return CellBox(columns: min(1_000, columns ?? 80), rows: min(1_000, lines.map { max(1, $0 - 1) } ?? 40))
    }
}

extension SymbolSet: ExpressibleByArgument {}
extension ColorMode: ExpressibleByArgument {}
