import ArgumentParser
import DarkroomAWS
import DarkroomTUI
import Foundation

/// The options every bucket command shares: which bucket, profile and region. Unset ones come from the
/// config file, as they do for the app, `generate` and `doctor`.
struct S3Options: ParsableArguments {
    @Option(help: "The bucket (default: the config file's `bucket`, else $DARKROOM_BUCKET, else `darkroom_bucket` in the AWS profile).")
    var bucket: String?

    @Option(help: "The AWS profile (default: the config file's `profile`, else $AWS_PROFILE, else `default`).")
    var profile: String?

    @Option(help: "The AWS region (default: the config file's `region`, else $AWS_REGION, else the profile's region).")
    var region: String?

    /// The S3 client and the bucket to use: these options over the config file (`config`, as
    /// `AppConfiguration.fromConfigFile` read it), then the AWS CLI's conventions.
    func resolve(
        environment: [String: String],
        config: (settings: AppConfiguration, file: URL, problems: [String])
    ) throws -> (client: S3Client, bucket: String) {
        if let problem = config.problems.first { throw CommandFailure(problem) }
        let fromFile = config.settings
        let configuration = try AWSConfiguration.resolve(
            profile: profile ?? fromFile.profile, region: region ?? fromFile.region, environment: environment)
        guard let chosen = Self.bucketName(
            option: bucket ?? fromFile.bucket, environment: environment, profileSettings: configuration.profileSettings
        ) else {
            throw CommandFailure(
                "No bucket given: pass --bucket, set `bucket` in \(config.file.path), set DARKROOM_BUCKET, or add darkroom_bucket to the AWS profile.")
        }
        return (S3Client(configuration: configuration), chosen)
    }

    /// The bucket named by `option`, else `DARKROOM_BUCKET`, else the profile's `darkroom_bucket` (empty values skipped).
    static func bucketName(option: String?, environment: [String: String], profileSettings: [String: String]?) -> String? {
        let candidates = [option, environment["DARKROOM_BUCKET"], profileSettings?["darkroom_bucket"]]
        return candidates.compactMap { $0 }.first { !$0.isEmpty }
    }
}
