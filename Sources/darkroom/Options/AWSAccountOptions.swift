import ArgumentParser

/// The AWS profile and region, as every command that reads the config file takes them (directly, as `dead-letters`
/// does, or through `S3Options` and `BackendOptions`).
struct AWSAccountOptions: ParsableArguments {
    @Option(help: "The AWS profile (default: the config file's `profile`, else $AWS_PROFILE, else `default`).")
    var profile: String?

    @Option(help: "The AWS region (default: the config file's `region`, else $AWS_REGION, else the profile's region).")
    var region: String?
}
