import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomSetup
import DarkroomTestSupport
import DarkroomTUI
import Foundation
import Testing

/// Options over the config file over the environment over the AWS profile, each key checked where it is read.
@Suite struct SettingsResolutionTests {
    /// A home with a config file holding `config` and an AWS config holding `aws`.
    private func home(config: String = "", aws: String = "") throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory("settings")
        let darkroom = folder.url.appendingPathComponent(".config/darkroom")
        try FileManager.default.createDirectory(at: darkroom, withIntermediateDirectories: true)
        try Data(config.utf8).write(to: darkroom.appendingPathComponent("config"))
        let awsFolder = folder.url.appendingPathComponent(".aws")
        try FileManager.default.createDirectory(at: awsFolder, withIntermediateDirectories: true)
        try Data(aws.utf8).write(to: awsFolder.appendingPathComponent("config"))
        return folder
    }

    @Test func defaultsApplyWhenNothingIsSet() throws {
        let folder = try home()
        defer { folder.remove() }
        let setup = Setup.resolve(environment: ["HOME": folder.url.path])
        #expect(setup.problems.isEmpty)
        #expect(setup.settings == Settings())
        #expect(setup.settings.backend == .local)
        #expect(setup.settings.graphics == .auto)
        #expect(setup.settings.mouse == .on)
        #expect(setup.settings.auth == .iam)
        #expect(setup.settings.concurrency == 2)
        #expect(setup.settings.sweepLimits == SweepLimits(maxImages: 64, confirmOver: 20))
    }

    @Test func optionsBeatTheFileWhichBeatsTheEnvironmentWhichBeatsTheProfile() throws {
        let folder = try home(config: "graphics = sixel\nbucket = from-file\nsweep_max_images = 30\nmouse = off\n",
                              aws: "[default]\ndarkroom_bucket = from-profile\n")
        defer { folder.remove() }
        let environment = ["HOME": folder.url.path, "DARKROOM_GRAPHICS": "kitty", "DARKROOM_BUCKET": "from-env",
                           "DARKROOM_SWEEP_MAX_IMAGES": "40", "DARKROOM_SWEEP_CONFIRM_OVER": "5", "DARKROOM_AUTH": "none",
                           "DARKROOM_MOUSE": "on"]
        let fromFile = Setup.resolve(environment: environment)
        #expect(fromFile.problems.isEmpty)
        #expect(fromFile.settings.graphics == .sixel)
        #expect(fromFile.settings.bucket == "from-file")
        #expect(fromFile.settings.sweepLimits == SweepLimits(maxImages: 30, confirmOver: 5))
        #expect(fromFile.settings.auth == .none)
        #expect(fromFile.settings.mouse == .off)
        #expect(Setup.resolve(environment: ["HOME": folder.url.path, "XDG_CONFIG_HOME": "/nonexistent", "DARKROOM_MOUSE": "off"]).settings.mouse == .off)
        let fromOptions = Setup.resolve(options: SettingsLayer(bucket: "from-option", graphics: .blocks, mouse: .on), environment: environment)
        #expect(fromOptions.settings.graphics == .blocks)
        #expect(fromOptions.settings.mouse == .on)
        #expect(fromOptions.settings.bucket == "from-option")

        let noFile = try home(aws: "[default]\ndarkroom_bucket = from-profile\n")
        defer { noFile.remove() }
        #expect(Setup.resolve(environment: ["HOME": noFile.url.path, "DARKROOM_BUCKET": "from-env"]).settings.bucket == "from-env")
        #expect(Setup.resolve(environment: ["HOME": noFile.url.path]).settings.bucket == "from-profile")
    }

    @Test func everyNewKeyIsCheckedWithAClearMessage() {
        let text = "graphics = png\nauth = oauth\nsweep_max_images = 0\nsweep_confirm_over = -1\nendpoint = example.com\napi_key = two words\nmouse = yes\n"
        let (layer, problems) = SettingsLayer.parse(configBytes: Array(text.utf8), path: "config")
        #expect(layer == SettingsLayer())
        #expect(problems == [
            "config line 1: graphics png is unknown; use auto, kitty, sixel, iterm2 or blocks.",
            "config line 2: auth oauth is unknown; use iam, api-key or none.",
            "config line 3: sweep_max_images must be a whole number above 0.",
            "config line 4: sweep_confirm_over must be a whole number of 0 or more.",
            "config line 5: endpoint example.com is not an http:// or https:// URL.",
            "config line 6: api_key must be one word, without spaces or control characters.",
            "config line 7: mouse yes is unknown; use on or off.",
        ])
        let (_, environmentProblems) = SettingsLayer.fromEnvironment(["DARKROOM_GRAPHICS": "ascii", "DARKROOM_SWEEP_MAX_IMAGES": "many"])
        #expect(environmentProblems == [
            "DARKROOM_GRAPHICS: graphics ascii is unknown; use auto, kitty, sixel, iterm2 or blocks.",
            "DARKROOM_SWEEP_MAX_IMAGES: sweep_max_images must be a whole number above 0.",
        ])
        #expect(SettingsLayer(concurrency: 0).validationProblem()?.description == "--concurrency: concurrency must be a whole number above 0.")
        #expect(SettingsLayer(endpoint: "https://api.example.com", concurrency: 4).validationProblem() == nil)
    }

    @Test func theAPIKeyIsNeverPrinted() throws {
        let folder = try home(config: "api_key = sk-file-secret\nauth = api-key\n")
        defer { folder.remove() }
        let setup = Setup.resolve(environment: ["HOME": folder.url.path, "DARKROOM_API_KEY": "sk-env-secret"])
        #expect(setup.settings.apiKey?.value == "sk-file-secret", "the config file beats the environment")
        let shown = "\(setup.settings) \(String(reflecting: setup.settings)) \(setup.settings.apiKey.map { "\($0)" } ?? "")"
        #expect(!shown.contains("secret"), "\(shown)")
        #expect(shown.contains("api_key = (an API key, not shown)"))
    }

    /// The app offers the api backend's three auth choices, as `generate` does.
    @Test func theAppsAPIBackendTakesEachAuthChoice() throws {
        let folder = try home()
        defer { folder.remove() }
        let environment = ["HOME": folder.url.path, "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret",
                           "AWS_REGION": "eu-west-1"]
        let api = SettingsLayer(backend: .api, endpoint: "https://api.example.com/prod/image-generation", bucket: "images")
        for auth in Settings.APIAuth.allCases {
            var options = api
            options.auth = auth
            var withKey = environment
            withKey["DARKROOM_API_KEY"] = "k-123"
            let (services, problem) = try Setup.resolve(options: options, environment: withKey).appBackend()
            #expect(problem == nil, "\(auth): \(problem ?? "")")
            #expect(services.connection.backend == "api")
            #expect(services.client is APIGatewayGenerationClient)
        }
        var keyless = api
        keyless.auth = .apiKey
        let (fallback, problem) = try Setup.resolve(options: keyless, environment: environment).appBackend()
        #expect(fallback.connection.backend == "local")
        #expect(problem?.contains("DARKROOM_API_KEY") == true)
        #expect(throws: SetupError.self) { try Setup.resolve(options: keyless, environment: environment).generationClient() }
    }

    /// With --auth none or api-key the API needs no AWS account, but the app's gallery lists the bucket in S3 with one:
    /// the app opens on the local stack and says that, rather than only "no credentials", which read as contradicting --auth.
    @Test func theAppWithAnOpenAPIButNoAWSAccountSaysTheGalleryNeedsOne() throws {
        let folder = try home()
        defer { folder.remove() }
        let environment = ["HOME": folder.url.path, "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
                           "AWS_REGION": "us-east-1"]
        for auth in [Settings.APIAuth.none, .apiKey] {
            let options = SettingsLayer(backend: .api, endpoint: "http://127.0.0.1:9/image-generation", bucket: "studio", auth: auth)
            let (services, problem) = try Setup.resolve(options: options, environment: environment.merging(["DARKROOM_API_KEY": "k"]) { $1 })
                .appBackend()
            #expect(services.connection.backend == "local")
            #expect(problem?.hasPrefix("Using the local stack: the API needs no AWS credentials (auth \(auth.rawValue)), "
                + "but the gallery lists s3://studio with them: No AWS credentials found") == true, "\(problem ?? "")")
        }
        // With IAM the API needs them too: the general reason stands.
        let iam = SettingsLayer(backend: .api, endpoint: "http://127.0.0.1:9/image-generation", bucket: "studio", auth: .iam)
        let (_, problem) = try Setup.resolve(options: iam, environment: environment).appBackend()
        #expect(problem?.hasPrefix("Using the local stack: the AWS settings could not be resolved: No AWS credentials found") == true, "\(problem ?? "")")
    }

    @Test func generateNeedsNoAWSAccountForAnOpenAPIOrTheLocalStack() throws {
        let folder = try home()
        defer { folder.remove() }
        let environment = ["HOME": folder.url.path, "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"]
        let open = Setup.resolve(options: SettingsLayer(backend: .api, endpoint: "http://127.0.0.1:9/", auth: Settings.APIAuth.none),
                                 environment: environment)
        #expect(try open.generationClient() is APIGatewayGenerationClient)
        let local = Setup.resolve(options: SettingsLayer(dataFolder: folder.url.appendingPathComponent("data").path), environment: environment)
        #expect(try local.generationClient() is LocalGenerationClient)
        #expect(local.localBucketFolder.path == folder.url.appendingPathComponent("data/bucket").path)
        let bedrock = Setup.resolve(options: SettingsLayer(backend: .bedrock), environment: environment)
        #expect(throws: SetupError.self) { try bedrock.generationClient() }
    }
}
