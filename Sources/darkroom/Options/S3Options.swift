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
        let candidates = [bucket, environment["DARKROOM_BUCKET"], configuration.profileSettings["darkroom_bucket"]]
        guard let chosen = candidates.compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw ValidationError("No bucket given: pass --bucket, set DARKROOM_BUCKET, or add darkroom_bucket to the AWS profile.")
        }
        return (S3Client(configuration: configuration), chosen)
    }
}
