import DarkroomTestSupport
import Foundation
import Testing

/// Under a locale whose decimal mark is a comma, every number darkroom writes keeps its point: darkroom sets only the
/// locale's character type, and what it writes is read back as typed (`--cfg-scale 7.5`, `cfg:7.5`, an Again line).
/// The locale is de_DE.UTF-8, compiled for the test with localedef into a folder of its own (LOCPATH), since a
/// minimal Debian has only C.UTF-8.
@Suite struct DecimalCommaLocaleTests {
    @Test func numbersKeepTheirPointUnderAGermanLocale() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-decimal-comma")
        defer { darkroom.home.remove() }
        let locales = darkroom.path("locales")
        try FileManager.default.createDirectory(atPath: locales, withIntermediateDirectories: true)
        let compiled = try await Subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", locales + "/de_DE.UTF-8"])
        try #require(compiled.status == 0, "localedef (the locales package): \(compiled.output)")
        let german = ["LOCPATH": locales, "LC_ALL": "de_DE.UTF-8"]
        // The control: in this locale printf writes a comma, so a number formatted the locale's way would show.
        let control = try await Subprocess.run(["printf", "%.1f", "7.5"], environment: darkroom.environment.merging(german) { $1 })
        try #require(control.standardOutput == "7,5", "the locale is not in effect: \(control.output)")

        let sweep = try await darkroom.run(["generate", "a wave", "--seed", "5", "--sweep", "cfg_scale=4.5,7.5", "--yes"], adding: german)
        #expect(sweep.status == 0, "\(sweep.output)")
        let line = try #require(sweep.standardOutput.split(separator: "\n").first { $0.contains("cfg_scale=7.5 ") }, "\(sweep.output)")
        let path = try #require(line.split(separator: " ").last.map(String.init))
        let info = try await darkroom.run(["info", path], adding: german)
        #expect(info.status == 0, "\(info.output)")
        #expect(info.standardOutput.contains("CFG scale: 7.5\n") && info.standardOutput.contains(" --cfg-scale 7.5 "), "\(info.output)")

        // The app: a slider's value and a job's time.
        let app = try PseudoTerminal.darkroomApp(home: darkroom.home.url, environment: german)
        _ = try app.waitFor(text: "Describe the image")
        app.send("a heron\r")
        _ = try app.waitFor("the job's time") { $0.text.contains("saved") }
        app.send("\t")
        _ = try app.waitFor("the parameters' focus") { $0.text.contains("Left/Right adjust") }
        app.send("\u{1B}[C")
        _ = try app.waitFor("the CFG slider at 7.5") { $0.text.contains("7.5") }
        let screen = app.screen.text
        #expect(screen.range(of: #"saved \d+\.\ds"#, options: .regularExpression) != nil, "\(screen)")
        #expect(!(sweep.output + info.output + screen).contains(",5"), "a decimal comma in:\n\(sweep.output)\n\(info.output)\n\(screen)")
        app.send("q")
        _ = try app.waitForExit()
    }
}
