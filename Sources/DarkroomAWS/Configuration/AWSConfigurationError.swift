/// Why the AWS configuration could not be resolved; descriptions never contain secrets.
public enum AWSConfigurationError: Error, Equatable, CustomStringConvertible {
    case malformedFile(path: String, line: Int, reason: String)
    case unreadableFile(path: String)
    case profileNotFound(String)
    case noCredentials(profile: String)
    case noRegion(profile: String)
    case credentialProcessFailed(profile: String, reason: String)

    public var description: String {
        switch self {
        case .malformedFile(let path, let line, let reason):
            return "\(path) line \(line): \(reason); fix that line or move the file aside."
        case .unreadableFile(let path):
            return "\(path) exists but could not be read; check its permissions."
        case .profileNotFound(let profile):
            return "The AWS profile '\(profile)' is not in the config or credentials file; "
                + "check AWS_PROFILE or run `aws configure --profile \(profile)`."
        case .noCredentials(let profile):
            return "No AWS credentials found (environment, profile '\(profile)', credential_process); "
                + "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or run `aws configure`."
        case .noRegion(let profile):
            return "No AWS region configured for profile '\(profile)'; set AWS_REGION or `region` in ~/.aws/config."
        case .credentialProcessFailed(let profile, let reason):
            return "The credential_process of profile '\(profile)' failed: \(reason); run it by hand to see why."
        }
    }
}
