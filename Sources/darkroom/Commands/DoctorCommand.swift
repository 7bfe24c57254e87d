import ArgumentParser
import DarkroomSetup

/// `darkroom doctor`: checks the chosen backend, credentials, endpoint, bucket, data folder, fonts and terminal.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that darkroom can work here: backend, credentials, endpoint, bucket, data folder, fonts, terminal.",
        discussion: """
            Settings are read as the app and generate read them: options over $XDG_CONFIG_HOME/darkroom/config \
            over the environment over defaults. The api backend's route gets an empty request, signed or keyed as generate \
            sends it, which the function refuses without calling the model: no image is made. Exits with status 1 when a \
            check the chosen backend needs fails. Secrets are never printed.
            """
    )

    @OptionGroup(title: "Backend")
    var backend: BackendOptions

    @Option(parsing: .unconditional, help: "Seconds a network check may take.")
    var timeout: Int = 3

    @Flag(help: "Print the checks as JSON.")
    var json = false

    func validate() throws {
        if timeout < 1 { throw ValidationError("--timeout wants at least 1 second, not \(timeout).") }
    }

    func run() async throws {
        let checks = DoctorChecks(setup: Setup.resolve(options: backend.layer), timeout: .seconds(timeout))
        let report = DoctorReport(checks: await checks.run())
        print(json ? try report.json() : report.text(unicode: CommandGlyphs.current.isUnicode))
        if !report.healthy { throw ExitCode(1) }
    }
}
