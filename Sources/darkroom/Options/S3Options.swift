import ArgumentParser
import DarkroomAWS

/// The options every bucket command shares: which bucket, profile and region.
struct S3Options: ParsableArguments {
    @Option(help: "The bucket (default: $DARKROOM_BUCKET, else `darkroom_bucket` in the AWS profile).")
    var bucket: String?

    @Option(help: "The AWS profile (default: $AWS_PROFILE, else `default`).")
    var profile: String?

    @Option(help: "The AWS region (default: $AWS_REGION, else the profile's region).")
    var region: String?

    /// The S3 client and the bucket to use, resolved the AWS CLI's way.
    func resolve(environment: [String: String]) throws -> (client: S3Client, bucket: String) {
        let configuration = try AWSConfiguration.resolve(profile: profile, region: region, environment: environment)
        guard let chosen = Self.bucketName(option: bucket, environment: environment, configuration: configuration) else {
            throw ValidationError("No bucket given: pass --bucket, set DARKROOM_BUCKET, or add darkroom_bucket to the AWS profile.")
        }
        return (S3Client(configuration: configuration), chosen)
    }

    /// The bucket named by `option`, else `DARKROOM_BUCKET`, else the profile's `darkroom_bucket` (empty values skipped).
    static func bucketName(option: String?, environment: [String: String], configuration: AWSConfiguration?) -> String? {
        let candidates = [option, environment["DARKROOM_BUCKET"], configuration?.profileSettings["darkroom_bucket"]]
        return candidates.compactMap { $0 }.first { !$0.isEmpty }
    }
}
