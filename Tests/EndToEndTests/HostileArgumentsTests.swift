import DarkroomTestSupport
import Foundation
import Testing

/// Whatever a person or a file hands the command line comes back in its errors visibly, never as control
/// characters for the terminal to act on; a mistyped command is called one.
struct HostileArgumentsTests {
    /// An error quoting a file name, a key or a config value that holds an escape sequence (a window-title OSC, a
    /// colour) shows it as `\u{1B}` text: no ESC, BEL or other control byte reaches standard error.
    @Test func errorsShowControlCharactersInWhatTheyQuoteAsText() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-hostile-arguments")
        defer { darkroom.home.remove() }
        let hostileFile = darkroom.path("E\u{1B}]0;TITLE\u{07}\u{1B}[31mred.png")
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: hostileFile))
        let config = darkroom.home.url.appendingPathComponent("config/darkroom")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data("backend = x\u{1B}]0;PWN\u{07}\n".utf8).write(to: config.appendingPathComponent("config"))

        let runs = [
            ["info", hostileFile],
            ["get", "output-images/foo\u{1B}[31m.png"],
            ["generate", "a fox"],
        ]
        for arguments in runs {
            let result = try await darkroom.run(arguments)
            #expect(result.status != 0)
            #expect(result.standardError.contains(#"\u{1B}"#), "\(arguments[0]): \(result.standardError)")
            let controls = result.standardError.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }
            #expect(controls.isEmpty, "\(arguments[0]) wrote \(controls.map { $0.value }) to standard error")
        }
    }

    /// `--steps -1` said "Missing value for '--steps'": ArgumentParser took "-1" for an option. A negative number is a
    /// value now, refused with what the model accepts.
    @Test func aNegativeNumberIsAValueRefusedWithItsRange() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-negative-values")
        defer { darkroom.home.remove() }
        let steps = try await darkroom.run(["generate", "a fox", "--steps", "-1"])
        #expect(steps.status == 64)
        #expect(steps.standardError == "Error: --steps -1 is out of range; the model accepts 10 to 150.\n", "\(steps.output)")
        let seed = try await darkroom.run(["generate", "a fox", "--seed", "-1"])
        #expect(seed.status == 64)
        #expect(seed.standardError.hasPrefix("Error: The value '-1' is invalid for '--seed <seed>'"), "\(seed.output)")
        let cfg = try await darkroom.run(["generate", "a fox", "--cfg-scale", "-3"])
        #expect(cfg.standardError == "Error: --cfg-scale -3 is out of range; the model accepts 0 to 35.\n", "\(cfg.output)")
        // The other commands' numbers too (each said "Missing value"; doctor took --timeout -2 and used 1 s).
        for (arguments, said) in [(["serve", "--port", "-1"], "Error: --port must be from 0 to 65535, not -1."),
                                  (["ls", "--newest", "-3"], "Error: --newest wants a count of at least 1."),
                                  (["app", "--concurrency", "-1"], "Error: --concurrency: concurrency must be a whole number above 0."),
                                  (["doctor", "--timeout", "-2"], "Error: --timeout wants at least 1 second, not -2.")] {
            let result = try await darkroom.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.output)")
            #expect(result.standardError.hasPrefix(said), "\(arguments): \(result.output)")
        }
    }

    /// A command line that asks for what cannot be exits 64 (EX_USAGE), as ArgumentParser's own usage errors do,
    /// with nothing run or billed; a run that fails exits 1. Parameter and sweep errors used to exit 1.
    @Test func aCommandLineAskingForWhatCannotBeExits64AndAFailedRunExits1() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-usage-status")
        defer { darkroom.home.remove() }
        let usage: [[String]] = [
            ["generate", "a fox", "--steps", "0"],
            ["generate", "a fox", "--size", "13x13"],
            ["generate", "a fox", "--model", "no.such-model"],
            ["generate"],
            ["generate", "a fox", "--sheet", darkroom.path("sheet.png")],
            ["generate", "a fox", "--sweep", "foo=1,2"],
            ["generate", "a fox", "--sweep", "steps=0,20"],
            ["dead-letters"],
        ]
        for arguments in usage {
            let result = try await darkroom.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.output)")
            #expect(result.standardError.hasPrefix("Error: "), "\(arguments): \(result.output)")
        }
        let unreadable = try await darkroom.run(["generate", "--prompts", darkroom.path("missing.txt")])
        #expect(unreadable.status == 1, "\(unreadable.output)")
        let listing = try await darkroom.run(["ls"])
        #expect(listing.status == 0 && listing.output.isEmpty, "nothing was generated: \(listing.output)")
    }

    @Test func aMistypedCommandIsCalledOne() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-unknown-command")
        defer { darkroom.home.remove() }
        let result = try await darkroom.run(["lss"])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: Unknown command 'lss'. Did you mean 'ls'? "
            + "The commands are app, generate, ls, get, show, info, serve, doctor, dead-letters; see darkroom --help.\n"))
        // A swap, a dropped letter, capitals; nothing is offered when no command is that close.
        for (typed, meant) in [("gnerate", "generate"), ("shwo", "show"), ("Doctor", "doctor"), ("dead-leters", "dead-letters")] {
            let mistyped = try await darkroom.run([typed])
            #expect(mistyped.standardError.hasPrefix("Error: Unknown command '\(typed)'. Did you mean '\(meant)'? "), "\(mistyped.output)")
        }
        // Help for a command that does not exist is refused the same way (it printed the main help and exited 0).
        let help = try await darkroom.run(["help", "gnerate"])
        #expect(help.status == 64 && help.standardError.hasPrefix("Error: Unknown command 'gnerate'. Did you mean 'generate'? "), "\(help.output)")
        let known = try await darkroom.run(["help", "generate"])
        #expect(known.status == 0 && known.output.contains("USAGE: darkroom generate"), "\(known.output)")
        for typed in ["xyz", "lsx2", "sh"] {
            let unlike = try await darkroom.run([typed])
            #expect(unlike.status == 64 && !unlike.standardError.contains("Did you mean"), "\(unlike.output)")
        }
    }
}
