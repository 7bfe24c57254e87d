import ArgumentParser
import DarkroomSetup

/// The options that choose and reach a backend, shared by the app, `doctor` and `generate`, which all read
/// them the same way (`Setup.resolve`): options over `$XDG_CONFIG_HOME/darkroom/config`, then the environment, then defaults.
struct BackendOptions: ParsableArguments {
    @Option(help: "Where jobs run: local (this machine, the procedural preview engine), api (the deployed API) or bedrock (Bedrock directly, images stored to --bucket); default: the config file's `backend`, else local.")
    var backend: Settings.Backend?

    @Option(help: "API backend: the stack output ImageGenerationEndpoint, or the stage URL (default: the config file's `endpoint`, else $DARKROOM_API_ENDPOINT).")
    var endpoint: String?

    @Option(help: "The S3 bucket the gallery lists and the bedrock backend stores in (default: the config file's `bucket`, else $DARKROOM_BUCKET, else `darkroom_bucket` in the AWS profile).")
    var bucket: String?

    @OptionGroup var account: AWSAccountOptions

    @Option(help: "API backend: iam (SigV4, the template's default), api-key (the config file's `api_key`, else $DARKROOM_API_KEY) or none (default: the config file's `auth`, else $DARKROOM_AUTH, else iam).")
    var auth: Settings.APIAuth?

    /// These options as the top settings layer.
    var layer: SettingsLayer {
        SettingsLayer(backend: backend, endpoint: endpoint, bucket: bucket, profile: account.profile, region: account.region, auth: auth)
    }

    func validate() throws {
        if let problem = layer.validationProblem() { throw ValidationError(problem.description) }
    }
}

extension Settings.Backend: ExpressibleByArgument {}
extension Settings.APIAuth: ExpressibleByArgument {}
