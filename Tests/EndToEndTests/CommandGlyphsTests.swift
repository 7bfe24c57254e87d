import DarkroomTestSupport
import Foundation
import Testing

/// The marks the commands add to their output follow the locale, as the app's screen does: a terminal set to
/// `LANG=C` shows UTF-8 bytes as other characters. What the user wrote is printed as written.
struct CommandGlyphsTests {
    /// The arrow `get` prints on standard error, for each locale setting (POSIX order: LC_ALL, LC_CTYPE, LANG).
    @Test(arguments: [
        ([String: String](), "->"),
        (["LANG": "C"], "->"),
        (["LANG": "C.UTF-8"], "→"),
        // OpenSSH passes the client's locale on; a server without it still has C.UTF-8's characters.
        (["LANG": "xx_XX.UTF-8"], "→"),
        (["LANG": "C.UTF-8", "LC_ALL": "C"], "->"),
        (["LANG": "C", "LC_CTYPE": "C.UTF-8"], "→"),
    ])
    func getsArrowFollowsTheLocale(locale: [String: String], arrow: String) async throws {
        let darkroom = try IsolatedDarkroom("darkroom-glyphs")
        defer { darkroom.home.remove() }
        let key = try await darkroom.generate()
        let output = darkroom.path("image.png")
        let get = try await darkroom.run(["get", key, "-o", output], adding: locale)
        #expect(get.status == 0, "\(get.output)")
        #expect(get.standardError.hasSuffix("/\(key) \(arrow) \(output) (\(try darkroom.storedBytes(key).count) bytes)\n"), "\(get.output)")
    }

    /// A sweep's summary separates the shared parameters with `·` or `-`; the prompt's own characters stay.
    @Test(arguments: [("C", " - "), ("C.UTF-8", " · ")])
    func aSweepsSummaryFollowsTheLocaleAndKeepsThePrompt(lang: String, separator: String) async throws {
        let darkroom = try IsolatedDarkroom("darkroom-glyphs")
        defer { darkroom.home.remove() }
        let run = try await darkroom.run(["generate", "café · terrace", "--seed", "7", "--sweep", "cfg_scale=4,7"],
                                         adding: ["LANG": lang])
        #expect(run.status == 0, "\(run.output)")
        let common = try #require(run.standardOutput.split(separator: "\n").first { $0.hasPrefix("common: ") }, "\(run.output)")
        #expect(common == "common: \"café · terrace\"\(separator)SDXL 1.0\(separator)seed 7\(separator)1024x1024\(separator)30 steps")
    }

    /// Help is read in every locale, so it is written in ASCII.
    @Test func everyCommandsHelpIsASCII() async throws {
        for command in ["app", "dead-letters", "doctor", "generate", "get", "info", "ls", "serve", "show"] {
            let help = try await Subprocess.run([BuiltProducts.executable("darkroom").path, command, "--help"], environment: ["COLUMNS": "100"])
            #expect(help.status == 0, "\(help.output)")
            let foreign = help.standardOutput.split(separator: "\n").filter { !$0.allSatisfy(\.isASCII) }
            #expect(foreign.isEmpty, "darkroom \(command) --help: \(foreign)")
        }
    }
}
