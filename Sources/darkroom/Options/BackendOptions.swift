import ArgumentParser
import DarkroomAWS
import DarkroomTUI
import Foundation

/// The options that choose and reach a backend, shared by the app, `doctor` and `generate`, which all read
/// them the same way: options over `$XDG_CONFIG_HOME/darkroom/config`, then the environment, then defaults.
struct BackendOptions: ParsableArguments {
    @Option(help: "Where jobs run: local (this machine, the procedural preview engine), api (the deployed API) or bedrock (Bedrock directly, images stored to --bucket); default: the config file's `backend`, else local.")
    var backend: AppConfiguration.Backend?

    @Option(help: "API backend: the stack output ImageGenerationEndpoint, or the stage URL (default: the config file's `endpoint`, else $DARKROOM_API_ENDPOINT).")
    var endpoint: String?

    @Option(help: "The S3 bucket the gallery lists and the bedrock backend stores in (default: the config file's `bucket`, else $DARKROOM_BUCKET, else `darkroom_bucket` in the AWS profile).")
    var bucket: String?

    @Option(help: "The AWS profile (default: the config file's `profile`, else $AWS_PROFILE, else `default`).")
    var profile: String?

    @Option(help: "The AWS region (default: the config file's `region`, else $AWS_REGION, else the profile's region).")
    var region: String?

    /// The settings to use, and each config file line that could not be used (the caller decides how to report them).
    func settings(environment: [String: String]) -> (settings: AppConfiguration, configFile: URL, problems: [String]) {
        let (fromFile, configFile, problems) = AppConfiguration.fromConfigFile(environment: environment)
        return (settings(over: fromFile, environment: environment), configFile, problems)
    }

    /// These options over `fromFile`; the environment fills what neither sets.
    private func settings(over fromFile: AppConfiguration, environment: [String: String]) -> AppConfiguration {
        var settings = fromFile.overridden(by: AppConfiguration(
            backend: backend, endpoint: endpoint, bucket: bucket, profile: profile, region: region
        ))
        if settings.endpoint == nil, let fromEnvironment = environment["DARKROOM_API_ENDPOINT"], !fromEnvironment.isEmpty {
            settings.endpoint = fromEnvironment
        }
        if settings.bucket == nil {
            // Only a backend that uses a bucket takes the profile's; reading it resolves no credentials.
            let usesBucket = (settings.backend ?? .local) != .local
            let profileSettings = usesBucket ? try? AWSConfiguration.profileSettings(profile: settings.profile, environment: environment) : nil
            settings.bucket = S3Options.bucketName(option: nil, environment: environment, profileSettings: profileSettings)
        }
        return settings
    }
}

extension AppConfiguration.Backend: ExpressibleByArgument {}
