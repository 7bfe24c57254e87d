import DarkroomTestSupport
import Foundation
import Testing

/// `darkroom show` run as a person would, with standard output a pipe (not a terminal).
struct ShowCommandTests {
    struct Outcome {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs the built binary off the cooperative thread pool (see `Subprocess`).
    static func show(_ arguments: [String], environment: [String: String] = ["TERM": "xterm-256color"]) async throws -> Outcome {
        let result = try await Subprocess.run([BuiltProducts.executable("darkroom").path, "show"] + arguments, environment: environment)
        return Outcome(status: result.status, output: result.standardOutput, error: result.standardError)
    }

    static let astronaut = TestData.url("images/astronaut_1024_rgb.png").path

    @Test func printsTheImageAtTheRequestedSize() async throws {
        let result = try await Self.show([Self.astronaut, "--size", "40x30", "--symbols", "half", "--colors", "256"])
        #expect(result.status == 0)
        #expect(result.error.isEmpty)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        // A square image in 40x30 cells that are twice as tall as wide: 40 columns, 20 rows.
        #expect(lines.count == 20)
        #expect(lines.allSatisfy { $0.hasSuffix("\u{1B}[0m") && $0.contains("\u{1B}[38;5;") })
        #expect(!result.output.contains("\u{1B}[38;2;"))
    }

    @Test func defaultsTo80x40WhenNotATerminalAndColoursFromTheEnvironment() async throws {
        let truecolor = try await Self.show([Self.astronaut], environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor"])
        #expect(truecolor.status == 0)
        #expect(truecolor.output.split(separator: "\n").count == 40)
        #expect(truecolor.output.contains("\u{1B}[38;2;"))
        let overridden = try await Self.show([Self.astronaut], environment: ["TERM": "xterm-256color", "COLUMNS": "20", "LINES": "11"])
        #expect(overridden.output.split(separator: "\n").count == 10)
    }

    /// `show` reads the `graphics` setting as the app does: the config file, then $DARKROOM_GRAPHICS, the option over both.
    @Test func theGraphicsSettingChoosesTheProtocolAndTheOptionWins() async throws {
        let home = try TemporaryDirectory("darkroom-show-settings")
        defer { home.remove() }
        let sixel = "\u{1B}P0;1;0q"
        let base = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": home.url.path, "XDG_CONFIG_HOME": home.url.appendingPathComponent("config").path]
        let fromEnvironment = try await Self.show([Self.astronaut, "--size", "20x10"], environment: base.merging(["DARKROOM_GRAPHICS": "sixel"]) { $1 })
        #expect(fromEnvironment.output.hasPrefix(sixel))

        let config = home.url.appendingPathComponent("config/darkroom")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data("graphics = sixel\n".utf8).write(to: config.appendingPathComponent("config"))
        let fromConfig = try await Self.show([Self.astronaut, "--size", "20x10"], environment: base)
        #expect(fromConfig.output.hasPrefix(sixel))
        let overridden = try await Self.show([Self.astronaut, "--size", "20x10", "--graphics", "blocks"], environment: base)
        #expect(overridden.status == 0)
        #expect(!overridden.output.contains(sixel) && overridden.output.contains("▀"))
    }

    /// Half blocks where the locale is UTF-8, as the app decides it (`TerminalLocale`): a UTF-8 locale that is not
    /// installed here (sent over SSH from another machine) still counts; no locale, or the C locale, is ASCII.
    @Test(arguments: [(["LANG": "C.UTF-8"], true), (["LANG": "xx_XX.UTF-8"], true), (["LC_CTYPE": "xx_XX.utf8", "LANG": "C"], true),
                      ([:], false), (["LANG": "C"], false), (["LC_ALL": "C", "LANG": "C.UTF-8"], false), (["LANG": "xx_XX.ISO-8859-1"], false)])
    func blockGlyphsFollowTheLocale(locale: [String: String], halfBlocks: Bool) async throws {
        let result = try await Self.show([Self.astronaut, "--size", "20x10", "--graphics", "blocks"],
                                         environment: locale.merging(["TERM": "xterm-256color"]) { $1 })
        #expect(result.status == 0)
        #expect(result.output.contains("▀") == halfBlocks)
        #expect(result.output.unicodeScalars.allSatisfy(\.isASCII) == !halfBlocks)
    }

    @Test func noColorMeansNoEscapes() async throws {
        let result = try await Self.show([Self.astronaut, "--size", "30x15"], environment: ["TERM": "xterm-256color", "NO_COLOR": "1"])
        #expect(result.status == 0)
        #expect(!result.output.contains("\u{1B}"))
        #expect(result.output.split(separator: "\n").count == 15)
    }

    @Test func asciiSymbolsAreASCII() async throws {
        let result = try await Self.show([Self.astronaut, "--size", "30x15", "--symbols", "ascii", "--colors", "none"])
        #expect(result.status == 0)
        #expect(result.output.utf8.allSatisfy { $0 < 128 })
    }

    @Test(arguments: [
        ("/nonexistent/picture.png", "Cannot read /nonexistent/picture.png"),
        (TestData.url("sigv4/LICENSE").path, "not a PNG image"),
        (TestData.url("pngsuite/png/xcsn0g01.png").path, "corrupt"),
    ])
    func badInputIsOneLineOnStandardError(file: String, message: String) async throws {
        let result = try await Self.show([file])
        #expect(result.status != 0)
        #expect(result.output.isEmpty)
        #expect(result.error.hasSuffix("\n"))
        #expect(result.error.split(separator: "\n").count == 1)
        #expect(result.error.contains(message))
        // Named once: `show *.png` must say which one.
        #expect(result.error.components(separatedBy: file).count == 2, "\(result.error)")
    }

    @Test(arguments: ["0x10", "80x", "80x5000", "big"])
    func invalidSizeIsRefused(size: String) async throws {
        let result = try await Self.show([Self.astronaut, "--size", size])
        #expect(result.status != 0)
        #expect(result.output.isEmpty)
        #expect(result.error.contains("--size"))
        // A size out of range says the range (it said only "The value '0x10' is invalid").
        if size == "0x10" || size == "80x5000" {
            #expect(result.status == 64 && result.error.hasPrefix("Error: --size wants each of COLSxROWS from 1 to 1000, not \(size)."), "\(result.error)")
        }
    }

    @Test func truncatedFileIsAnError() async throws {
        let directory = try TemporaryDirectory("darkroom-show")
        defer { directory.remove() }
        let bytes = try TestData.bytes("images/astronaut_1024_rgb.png")
        let truncated = directory.url.appendingPathComponent("half.png")
        try Data(bytes.prefix(bytes.count / 2)).write(to: truncated)
        let result = try await Self.show([truncated.path])
        #expect(result.status != 0)
        #expect(result.error.hasPrefix("Error: \(truncated.path): The PNG file is truncated"), "\(result.error)")
    }
}
