import Foundation
import Testing
import DarkroomAWS
import DarkroomTestSupport

/// The credential and configuration chain, resolved from temporary files and explicit environments.
struct AWSConfigurationTests {
    /// A temporary home with `.aws/config` and `.aws/credentials` written from the given text.
    private struct Home {
        let directory: TemporaryDirectory
        var path: String { directory.url.path }

        init(config: String? = nil, credentials: String? = nil) throws {
            directory = try TemporaryDirectory("aws-config")
            let aws = directory.url.appendingPathComponent(".aws")
            try FileManager.default.createDirectory(at: aws, withIntermediateDirectories: true)
            if let config { try config.write(to: aws.appendingPathComponent("config"), atomically: true, encoding: .utf8) }
            if let credentials {
                try credentials.write(to: aws.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
            }
        }

        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            extra.merging(["HOME": path]) { first, _ in first }
        }
    }

    @Test func environmentKeysComeFirst() throws {
        let home = try Home(credentials: "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n")
        defer { home.directory.remove() }
        let configuration = try AWSConfiguration.resolve(environment: home.environment([
            "AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "envtoken",
            "AWS_REGION": "eu-west-1",
        ]))
        #expect(configuration.credentials == AWSCredentials(accessKeyID: "ENVKEY", secretAccessKey: "envsecret", sessionToken: "envtoken"))
        #expect(configuration.credentialSource == .environment)
        #expect(configuration.region == "eu-west-1")
    }

    /// Files saved on Windows end each line with CR LF, which Swift reads as one Character.
    @Test func filesWithWindowsLineEndingsAreRead() throws {
        let home = try Home(
            config: "[profile studio]\r\nregion = eu-central-1\r\n",
            credentials: "# keys\r\n[studio]\r\naws_access_key_id = STUDIOKEY\r\naws_secret_access_key = studiosecret\r\n")
        defer { home.directory.remove() }
        let configuration = try AWSConfiguration.resolve(environment: home.environment(["AWS_PROFILE": "studio"]))
        #expect(configuration.region == "eu-central-1")
        #expect(configuration.credentials == AWSCredentials(accessKeyID: "STUDIOKEY", secretAccessKey: "studiosecret"))
    }

    @Test func namedProfileFromBothFilesWithCommentsAndWhitespace() throws {
        let home = try Home(
            config: """
            # a comment
            [default]
            region = us-east-1

            ; another comment
            [profile studio]
              region=eu-central-1
            s3 =
              addressing_style = path
            """,
            credentials: """
            [default]
            aws_access_key_id = DEFAULTKEY
            aws_secret_access_key = defaultsecret
            [studio]
               aws_access_key_id   =   STUDIOKEY
            aws_secret_access_key=studio#secret
            aws_session_token = studiotoken\r
            """)
        defer { home.directory.remove() }
        let configuration = try AWSConfiguration.resolve(environment: home.environment(["AWS_PROFILE": "studio"]))
        #expect(configuration.profile == "studio")
        #expect(configuration.region == "eu-central-1")
        #expect(configuration.credentials == AWSCredentials(accessKeyID: "STUDIOKEY", secretAccessKey: "studio#secret", sessionToken: "studiotoken"))
        #expect(configuration.credentialSource == .sharedCredentialsFile)
        #expect(configuration.s3PathStyle == true)
    }

    @Test func explicitProfileSkipsEnvironmentKeysAndRegionArgumentWins() throws {
        let home = try Home(config: "[profile other]\nregion = ap-south-1\naws_access_key_id = CONFIGKEY\naws_secret_access_key = configsecret\n")
        defer { home.directory.remove() }
        let configuration = try AWSConfiguration.resolve(
            profile: "other", region: "us-west-2",
            environment: home.environment(["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "envsecret"]))
        #expect(configuration.credentials.accessKeyID == "CONFIGKEY")
        #expect(configuration.credentialSource == .configFile)
        #expect(configuration.region == "us-west-2")
    }

    @Test func filesNamedByEnvironmentVariables() throws {
        let folder = try TemporaryDirectory("aws-files")
        defer { folder.remove() }
        let credentials = folder.url.appendingPathComponent("creds")
        let config = folder.url.appendingPathComponent("conf")
        try "[p]\naws_access_key_id = K\naws_secret_access_key = S\n".write(to: credentials, atomically: true, encoding: .utf8)
        try "[profile p]\nregion = sa-east-1\n".write(to: config, atomically: true, encoding: .utf8)
        let configuration = try AWSConfiguration.resolve(environment: [
            "HOME": folder.url.path, "AWS_PROFILE": "p",
            "AWS_SHARED_CREDENTIALS_FILE": credentials.path, "AWS_CONFIG_FILE": config.path,
        ])
        #expect(configuration.credentials.accessKeyID == "K")
        #expect(configuration.region == "sa-east-1")
    }

    @Test func credentialProcessOutputIsUsed() throws {
        let home = try Home(config: """
            [default]
            region = us-east-1
            credential_process = printf '{"Version": 1, "AccessKeyId": "PROCKEY", "SecretAccessKey": "procsecret", "SessionToken": "proctoken"}'
            """)
        defer { home.directory.remove() }
        let configuration = try AWSConfiguration.resolve(environment: home.environment())
        #expect(configuration.credentials == AWSCredentials(accessKeyID: "PROCKEY", secretAccessKey: "procsecret", sessionToken: "proctoken"))
        #expect(configuration.credentialSource == .credentialProcess)
    }

    @Test func failingCredentialProcessIsAClearError() throws {
        let home = try Home(config: "[default]\nregion = us-east-1\ncredential_process = sh -c 'echo secretish; exit 3'\n")
        defer { home.directory.remove() }
        #expect(throws: AWSConfigurationError.credentialProcessFailed(profile: "default", reason: "it exited with status 3")) {
            try AWSConfiguration.resolve(environment: home.environment())
        }
    }

    @Test func profileSettingsAreReadWithoutRunningTheCredentialProcess() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("darkroom-ran-\(UUID().uuidString)").path
        let home = try Home(config: """
            [profile studio]
            region = eu-west-1
            darkroom_bucket = studio-images
            credential_process = touch \(marker)
            """)
        defer { home.directory.remove() }
        let settings = try AWSConfiguration.profileSettings(profile: "studio", environment: home.environment())
        #expect(settings["darkroom_bucket"] == "studio-images")
        #expect(settings["region"] == "eu-west-1")
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(try AWSConfiguration.profileSettings(profile: "absent", environment: home.environment()).isEmpty)
    }

    @Test func malformedFileNamesFileAndLine() throws {
        let home = try Home(config: "[default]\nregion = us-east-1\nthis line has no equals sign\n")
        defer { home.directory.remove() }
        let configPath = home.path + "/.aws/config"
        do {
            _ = try AWSConfiguration.resolve(environment: home.environment())
            Issue.record("a malformed config file was accepted")
        } catch {
            #expect(error == .malformedFile(path: configPath, line: 3, reason: "expected 'name = value'"))
            #expect(error.description.hasPrefix("\(configPath) line 3:"))
        }
    }

    @Test func unclosedSectionTitleIsMalformed() throws {
        let home = try Home(credentials: "\n[default\naws_access_key_id = K\n")
        defer { home.directory.remove() }
        #expect(throws: AWSConfigurationError.malformedFile(
            path: home.path + "/.aws/credentials", line: 2, reason: "a section title is missing its closing ']'")) {
            try AWSConfiguration.resolve(environment: home.environment())
        }
    }

    @Test func missingProfileAndMissingCredentialsAndRegionAreReported() throws {
        let home = try Home(config: "[default]\nregion = us-east-1\n")
        defer { home.directory.remove() }
        #expect(throws: AWSConfigurationError.profileNotFound("ghost")) {
            try AWSConfiguration.resolve(environment: home.environment(["AWS_PROFILE": "ghost"]))
        }
        #expect(throws: AWSConfigurationError.noCredentials(profile: "default")) {
            try AWSConfiguration.resolve(environment: home.environment())
        }
        #expect(throws: AWSConfigurationError.noRegion(profile: "default")) {
            try AWSConfiguration.resolve(environment: ["HOME": "/nonexistent", "AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "S"])
        }
    }

    @Test func endpointOverridesInPrecedenceOrder() throws {
        let home = try Home(config: """
            [default]
            region = us-east-1
            endpoint_url = http://profile-global:1000
            services = local
            [services local]
            bedrock_runtime =
              endpoint_url = http://profile-bedrock:2000
            """)
        defer { home.directory.remove() }
        let keys = ["AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "S"]
        let fromProfile = try AWSConfiguration.resolve(environment: home.environment(keys))
        #expect(fromProfile.endpoint(for: .s3) == "http://profile-global:1000")
        #expect(fromProfile.endpoint(for: .bedrockRuntime) == "http://profile-bedrock:2000")

        let fromEnvironment = try AWSConfiguration.resolve(environment: home.environment(keys.merging([
            "AWS_ENDPOINT_URL": "http://env-global:3000/", "AWS_ENDPOINT_URL_S3": "http://env-s3:4000",
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": "http://env-bedrock:5000", "AWS_ENDPOINT_URL_LAMBDA": "http://env-lambda:6000",
        ]) { first, _ in first }))
        #expect(fromEnvironment.endpoint(for: .s3) == "http://env-s3:4000")
        #expect(fromEnvironment.endpoint(for: .bedrockRuntime) == "http://env-bedrock:5000")
        #expect(fromEnvironment.endpoint(for: .lambda) == "http://env-lambda:6000")
        #expect(fromEnvironment.endpoint(for: .executeAPI) == "http://env-global:3000")

        let ignored = try AWSConfiguration.resolve(environment: home.environment(keys.merging([
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
        ]) { first, _ in first }))
        #expect(ignored.endpoint(for: .s3) == "https://s3.us-east-1.amazonaws.com")
        #expect(ignored.endpoint(for: .bedrockRuntime) == "https://bedrock-runtime.us-east-1.amazonaws.com")
        #expect(ignored.endpoint(for: .lambda) == "https://lambda.us-east-1.amazonaws.com")
    }

    @Test func descriptionsNeverShowSecrets() throws {
        let credentials = AWSCredentials(accessKeyID: "AKIDVISIBLE", secretAccessKey: "topsecretvalue", sessionToken: "tokenvalue")
        let configuration = AWSConfiguration(region: "us-east-1", credentials: credentials)
        for text in [String(describing: credentials), String(reflecting: credentials), String(describing: configuration)] {
            #expect(text.contains("AKIDVISIBLE"))
            #expect(!text.contains("topsecretvalue"))
            #expect(!text.contains("tokenvalue"))
        }
    }
}
