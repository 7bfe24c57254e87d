import ArgumentParser
import DarkroomTUI
import Foundation

/// `darkroom doctor`: checks the chosen backend, credentials, endpoint, bucket, data folder and terminal.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that darkroom can work here: backend, credentials, endpoint, bucket, data folder, terminal.",
        discussion: """
            Settings are read like the app reads them: options over $XDG_CONFIG_HOME/darkroom/config over \
            defaults. Exits with status 1 when a check the chosen backend needs fails. Secrets are never printed.
            """
    )

    @Option(help: "The backend to check: local, api or bedrock (default: the config file's, else local).")
    var backend: AppConfiguration.Backend?

    @Option(help: "The API Gateway endpoint URL (api backend).")
    var endpoint: String?

    @Option(help: "The S3 bucket.")
    var bucket: String?

    @Option(help: "The AWS profile.")
    var profile: String?

    @Option(help: "The AWS region.")
    var region: String?

    @Option(help: "Seconds a network check may take.")
    var timeout: Int = 3

    @Flag(help: "Print the checks as JSON.")
    var json = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configFile = DataFolders(environment: environment).configFile
        let text = (try? String(contentsOf: configFile, encoding: .utf8)) ?? ""
        let (fileSettings, problems) = AppConfiguration.parse(configText: text, path: configFile.path)
        let options = AppConfiguration(backend: backend, endpoint: endpoint, bucket: bucket, profile: profile, region: region)
        let checks = DoctorChecks(
            settings: fileSettings.overridden(by: options), configFile: configFile, configProblems: problems,
            environment: environment, timeout: .seconds(max(1, timeout))
        )
        let report = DoctorReport(checks: await checks.run())
        print(json ? try report.json() : report.text(unicode: TerminalProbe.localeIsUTF8()))
        if !report.healthy { throw ExitCode(1) }
    }
}
