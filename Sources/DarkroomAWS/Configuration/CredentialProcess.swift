#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DarkroomThreads

/// Runs a profile's `credential_process` command and reads the JSON it prints
/// (`Version` 1, `AccessKeyId`, `SecretAccessKey`, optional `SessionToken`).
enum CredentialProcess {
    private struct Output: Decodable {
        let Version: Int
        let AccessKeyId: String
        let SecretAccessKey: String
        let SessionToken: String?
    }

    static func run(_ command: String, profile: String, environment: [String: String]) throws(AWSConfigurationError) -> AWSCredentials {
        guard let ran = try? ChildProcess.output(of: "/bin/sh", arguments: ["-c", command], environment: environment) else {
            throw .credentialProcessFailed(profile: profile, reason: "it could not be started")
        }
        guard ran.ending.shellStatus == 0 else {
            throw .credentialProcessFailed(profile: profile, reason: "it exited with status \(ran.ending.shellStatus)")
        }
        let data = Data(ran.output)
        // The output holds secrets: decoding errors are reported without quoting it.
        guard let decoded = try? JSONDecoder().decode(Output.self, from: data) else {
            throw .credentialProcessFailed(profile: profile, reason: "its output is not the expected JSON (Version, AccessKeyId, SecretAccessKey)")
        }
        guard decoded.Version == 1 else {
            throw .credentialProcessFailed(profile: profile, reason: "its output has Version \(decoded.Version), only 1 is supported")
        }
        return AWSCredentials(accessKeyID: decoded.AccessKeyId, secretAccessKey: decoded.SecretAccessKey, sessionToken: decoded.SessionToken)
    }
}
