import DarkroomBackend
import DarkroomSetup
import DarkroomTestSupport
import DarkroomTUI
import Foundation
import Testing

@Suite struct SettingsTests {
    /// The app's backend for `options` alone (no config file), as `Setup.appBackend` builds it.
    static func app(_ options: SettingsLayer, environment: [String: String]) throws -> (services: BackendServices, connection: ConnectionInfo, problem: String?) {
        let setup = Setup.resolve(options: options, environment: environment)
        let (services, problem) = try setup.appBackend()
        return (services, services.connection, problem)
    }

    @Test func configFilesSavedOnWindowsAreReadLineByLine() {
        let (configuration, problems) = SettingsLayer.parse(configBytes: Array("# darkroom\r\nbackend = api\r\nconcurrency = 3\r\n".utf8), path: "config")
        #expect(problems.isEmpty)
        #expect(configuration.backend == .api)
        #expect(configuration.concurrency == 3)
    }

    @Test func configFilesAreReadAndProblemsNamed() {
        let text = "# darkroom\nbackend = api\nendpoint = https://example.com\nconcurrency = 3\ncolour = blue\nbroken line\nbackend = s3\n"
        let (configuration, problems) = SettingsLayer.parse(configBytes: Array(text.utf8), path: "config")
        #expect(configuration.backend == .api)
        #expect(configuration.endpoint == "https://example.com")
        #expect(configuration.concurrency == 3)
        #expect(problems.count == 3)
        #expect(problems[0].contains("config line 5"))
        #expect(problems[2].contains("use local, api or bedrock"))
    }

    /// One Latin-1 byte made the whole file unreadable, and every setting in it was dropped without a word.
    @Test func aLineThatIsNotUTF8IsNamedAndTheOthersStillApply() {
        let bytes = Array("# caf".utf8) + [0xE9] + Array(" comment\nbackend = api\nendpoint = https://caf".utf8) + [0xE9]
            + Array(".example\nconcurrency = 3\n".utf8)
        let (configuration, problems) = SettingsLayer.parse(configBytes: bytes, path: "config")
        #expect(configuration.backend == .api)
        #expect(configuration.concurrency == 3)
        #expect(configuration.endpoint == nil)
        #expect(problems == ["config line 3 is not UTF-8 text, so it is skipped; save the file as UTF-8."])
    }

    @Test func aConfigFileThatCannotBeReadIsAProblemNotSilence() throws {
        let home = try TemporaryDirectory("darkroom-config-unreadable")
        defer { home.remove() }
        // A folder where the file should be: unreadable even as root, which ignores permissions.
        try FileManager.default.createDirectory(at: home.url.appendingPathComponent("config/darkroom/config"), withIntermediateDirectories: true)
        let setup = Setup.resolve(environment: ["HOME": home.url.path, "XDG_CONFIG_HOME": home.url.appendingPathComponent("config").path])
        #expect(setup.problems.count == 1)
        #expect(setup.problems.first?.hasSuffix("cannot be read (Is a directory), so none of its settings apply; fix its permissions or remove it.") == true,
                "\(setup.problems)")
    }

    @Test func optionsWinOverTheFile() {
        let file = SettingsLayer(backend: .api, endpoint: "https://a", region: "eu-west-1")
        let options = SettingsLayer(region: "us-east-1")
        let merged = file.overridden(by: options)
        #expect(merged == SettingsLayer(backend: .api, endpoint: "https://a", region: "us-east-1"))
    }

    @Test func anUnusableBackendOpensTheLocalStackWithAMessage() throws {
        let folder = try TemporaryDirectory("setup")
        defer { folder.remove() }
        let environment = ["HOME": folder.url.path, "XDG_DATA_HOME": folder.url.path]
        let result = try Self.app(SettingsLayer(backend: .api), environment: environment)
        #expect(result.connection.backend == "local")
        #expect(result.problem?.contains("--bucket") == true)
    }

    @Test func bedrockWithABucketAndCredentialsConnectsToS3() throws {
        let folder = try TemporaryDirectory("setup-aws")
        defer { folder.remove() }
        let environment = ["HOME": folder.url.path, "XDG_DATA_HOME": folder.url.path, "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
                           "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "eu-west-1"]
        let bedrock = try Self.app(SettingsLayer(backend: .bedrock, bucket: "images"), environment: environment)
        #expect(bedrock.problem == nil)
        #expect(bedrock.connection == ConnectionInfo(backend: "bedrock", location: "s3://images", region: "eu-west-1", profile: "default"))
        #expect(try bedrock.services.presign?("output-images/a.png").contains("X-Amz-Signature=") == true)
        let api = try Self.app(SettingsLayer(backend: .api, bucket: "images"), environment: environment)
        #expect(api.connection.backend == "local")
        #expect(api.problem?.contains("--endpoint") == true)
    }
}

@Suite struct DarkroomFoldersTests {
    @Test func defaultRootFollowsXDG() {
        #expect(DarkroomFolders(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"]).localBucket().path
            == "/data/darkroom/bucket")
        #expect(DarkroomFolders(environment: ["HOME": "/home/u"]).localBucket().path == "/home/u/.local/share/darkroom/bucket")
        #expect(DarkroomFolders(environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/u"]).localBucket().path
            == "/home/u/.local/share/darkroom/bucket")
    }
}
