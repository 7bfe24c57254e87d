import ArgumentParser
import DarkroomSetup

/// The options every bucket command shares: which bucket, profile and region. Unset ones come from the
/// config file, as they do for the app, `generate` and `doctor`.
struct S3Options: ParsableArguments {
    @Option(help: "The bucket (default: the config file's `bucket`, else $DARKROOM_BUCKET, else `darkroom_bucket` in the AWS profile).")
    var bucket: String?

    @OptionGroup var account: AWSAccountOptions

    /// These options as a settings layer.
    var layer: SettingsLayer { SettingsLayer(bucket: bucket, profile: account.profile, region: account.region) }
}
