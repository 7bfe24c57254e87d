#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Region, credentials and endpoints, resolved the way the AWS CLI resolves them.
public struct AWSConfiguration: Sendable, CustomStringConvertible {
    /// Where the credentials came from, for status lines (never the secrets themselves).
    public enum CredentialSource: String, Sendable {
        case explicit, environment, sharedCredentialsFile, configFile, credentialProcess
    }

    public var region: String
    /// The profile used, or nil when everything came from the environment or was given explicitly.
    public var profile: String?
    public var credentials: AWSCredentials
    public var credentialSource: CredentialSource
    /// Endpoint overrides per service (from `AWS_ENDPOINT_URL_*` or the profile).
    public var endpointOverrides: [AWSService: String]
    /// `AWS_ENDPOINT_URL` or the profile's `endpoint_url`: used for services without their own override.
    public var globalEndpoint: String?
    /// The profile's `s3 = addressing_style = path|virtual` (nil when `auto` or unset).
    public var s3PathStyle: Bool?
    /// The profile's other settings from the config file (for tools' own keys such as `darkroom_bucket`);
    /// secret keys are left out.
    public var profileSettings: [String: String] = [:]

    /// A configuration given in full, for tests and for callers that resolve settings themselves.
    public init(region: String, credentials: AWSCredentials, profile: String? = nil,
                endpointOverrides: [AWSService: String] = [:], globalEndpoint: String? = nil, s3PathStyle: Bool? = nil) {
        self.region = region
        self.credentials = credentials
        self.profile = profile
        self.credentialSource = .explicit
        self.endpointOverrides = endpointOverrides
        self.globalEndpoint = globalEndpoint
        self.s3PathStyle = s3PathStyle
    }

    /// The endpoint URL (scheme, host, optional port and path, no trailing slash) for `service`.
    public func endpoint(for service: AWSService) -> String {
        let chosen = endpointOverrides[service] ?? globalEndpoint ?? service.defaultEndpoint(region: region)
        return chosen.hasSuffix("/") ? String(chosen.dropLast()) : chosen
    }

    public var description: String {
        "AWSConfiguration(region: \(region), profile: \(profile ?? "none"), credentials: \(credentials.accessKeyID) "
            + "from \(credentialSource.rawValue), secret redacted)"
    }

    /// Resolves the configuration as the AWS CLI does.
    ///
    /// - Profile: `profile`, else `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else `default`.
    /// - Credentials: `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN` (skipped when a
    ///   profile is passed explicitly, like `--profile`), then the shared credentials file, then the config
    ///   file, then the profile's `credential_process`. In Lambda the runtime provides the environment keys.
    /// - Region: `region`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the profile's `region`.
    /// - Endpoints: `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the profile's
    ///   service-specific and global `endpoint_url` (all ignored with `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`).
    public static func resolve(
        profile: String? = nil, region: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AWSConfigurationError) -> AWSConfiguration {
        let profileName = profileName(profile, environment: environment)
        let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        let credentialsPath = nonEmpty(environment["AWS_SHARED_CREDENTIALS_FILE"]).map(expandTilde(home))
            ?? home + "/.aws/credentials"
        let credentialsFile = try SharedConfigFile.load(path: credentialsPath, kind: .credentials)
        let configFile = try SharedConfigFile.load(path: configPath(environment: environment), kind: .config)
        let credentialsSection = credentialsFile.profile(profileName)
        let configSection = configFile.profile(profileName)
        let profileExists = credentialsSection != nil || configSection != nil
        let profileWasChosen = nonEmpty(profile) != nil || nonEmpty(environment["AWS_PROFILE"]) != nil
        if profileWasChosen && !profileExists {
            throw .profileNotFound(profileName)
        }

        var resolvedCredentials: (AWSCredentials, CredentialSource)?
        if nonEmpty(profile) == nil, let keys = environmentCredentials(environment) {
            resolvedCredentials = (keys, .environment)
        } else if let keys = credentialsSection.flatMap(keyPair) {
            resolvedCredentials = (keys, .sharedCredentialsFile)
        } else if let keys = configSection.flatMap(keyPair) {
            resolvedCredentials = (keys, .configFile)
        } else if let command = nonEmpty(configSection?["credential_process"]) ?? nonEmpty(credentialsSection?["credential_process"]) {
            resolvedCredentials = (try CredentialProcess.run(command, profile: profileName, environment: environment), .credentialProcess)
        }
        guard let (credentials, source) = resolvedCredentials else { throw .noCredentials(profile: profileName) }

        guard let resolvedRegion = nonEmpty(region) ?? nonEmpty(environment["AWS_REGION"])
            ?? nonEmpty(environment["AWS_DEFAULT_REGION"]) ?? nonEmpty(configSection?["region"]) else {
            throw .noRegion(profile: profileName)
        }

        var configuration = AWSConfiguration(region: resolvedRegion, credentials: credentials)
        configuration.credentialSource = source
        configuration.profile = profileExists ? profileName : nil
        if environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true" {
            let servicesSection = nonEmpty(configSection?["services"]).flatMap { configFile.profile("section services " + $0) }
            for service in AWSService.allCases {
                let key = service.endpointKey.lowercased()
                if let url = nonEmpty(environment["AWS_ENDPOINT_URL_" + service.endpointKey])
                    ?? nonEmpty(servicesSection?[key + ".endpoint_url"]) {
                    configuration.endpointOverrides[service] = url
                }
            }
            configuration.globalEndpoint = nonEmpty(environment["AWS_ENDPOINT_URL"]) ?? nonEmpty(configSection?["endpoint_url"])
        }
        configuration.profileSettings = (configSection ?? [:]).filter { !secretSettings.contains($0.key) }
        switch configSection?["s3.addressing_style"]?.lowercased() {
        case "path": configuration.s3PathStyle = true
        case "virtual": configuration.s3PathStyle = false
        default: configuration.s3PathStyle = nil
        }
        return configuration
    }

    /// The profile's non-secret settings from the shared config file (`darkroom_bucket`, `region`…), read
    /// without resolving credentials: no `credential_process` runs, and missing credentials are no error.
    public static func profileSettings(
        profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AWSConfigurationError) -> [String: String] {
        let configFile = try SharedConfigFile.load(path: configPath(environment: environment), kind: .config)
        let section = configFile.profile(profileName(profile, environment: environment)) ?? [:]
        return section.filter { !secretSettings.contains($0.key) }
    }

    /// `profile`, else `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else `default`.
    private static func profileName(_ profile: String?, environment: [String: String]) -> String {
        nonEmpty(profile) ?? nonEmpty(environment["AWS_PROFILE"]) ?? nonEmpty(environment["AWS_DEFAULT_PROFILE"]) ?? "default"
    }

    /// `AWS_CONFIG_FILE`, else `~/.aws/config`.
    private static func configPath(environment: [String: String]) -> String {
        let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return nonEmpty(environment["AWS_CONFIG_FILE"]).map(expandTilde(home)) ?? home + "/.aws/config"
    }

    private static let secretSettings: Set<String> = ["aws_secret_access_key", "aws_session_token", "aws_security_token"]

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func expandTilde(_ home: String) -> (String) -> String {
        { path in path.hasPrefix("~/") ? home + path.dropFirst() : path }
    }

    private static func environmentCredentials(_ environment: [String: String]) -> AWSCredentials? {
        guard let id = nonEmpty(environment["AWS_ACCESS_KEY_ID"]),
              let secret = nonEmpty(environment["AWS_SECRET_ACCESS_KEY"]) else { return nil }
        let token = nonEmpty(environment["AWS_SESSION_TOKEN"]) ?? nonEmpty(environment["AWS_SECURITY_TOKEN"])
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token)
    }

    private static func keyPair(_ section: [String: String]) -> AWSCredentials? {
        guard let id = nonEmpty(section["aws_access_key_id"]), let secret = nonEmpty(section["aws_secret_access_key"]) else {
            return nil
        }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: nonEmpty(section["aws_session_token"]))
    }
}
