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
        let (configuration, problems) = SettingsLayer.parse(configText: "# darkroom\r\nbackend = api\r\nconcurrency = 3\r\n", path: "config")
        #expect(problems.isEmpty)
        #expect(configuration.backend == .api)
        #expect(configuration.concurrency == 3)
    }

    @Test func configFilesAreReadAndProblemsNamed() {
        let text = "# darkroom\nbackend = api\nendpoint = https://example.com\nconcurrency = 3\ncolour = blue\nbroken line\nbackend = s3\n"
        let (configuration, problems) = SettingsLayer.parse(configText: text, path: "config")
        #expect(configuration.backend == .api)
        #expect(configuration.endpoint == "https://example.com")
        #expect(configuration.concurrency == 3)
        #expect(problems.count == 3)
        #expect(problems[0].contains("config line 5"))
        #expect(problems[2].contains("use local, api or bedrock"))
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
