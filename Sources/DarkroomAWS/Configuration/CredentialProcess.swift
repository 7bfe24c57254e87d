#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DarkroomThreads
#if canImport(Glibc)
import Glibc
#endif

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
        let (status, output) = try standardOutput(of: command, environment: environment, profile: profile)
        guard status == 0 else {
            throw .credentialProcessFailed(profile: profile, reason: "it exited with status \(status)")
        }
        let data = Data(output)
        // The output holds secrets: decoding errors are reported without quoting it.
        guard let decoded = try? JSONDecoder().decode(Output.self, from: data) else {
            throw .credentialProcessFailed(profile: profile, reason: "its output is not the expected JSON (Version, AccessKeyId, SecretAccessKey)")
        }
        guard decoded.Version == 1 else {
            throw .credentialProcessFailed(profile: profile, reason: "its output has Version \(decoded.Version), only 1 is supported")
        }
        return AWSCredentials(accessKeyID: decoded.AccessKeyId, secretAccessKey: decoded.SecretAccessKey, sessionToken: decoded.SessionToken)
    }

    /// Runs `/bin/sh -c command` with exactly `environment`, standard error discarded, and returns its exit
    /// status (128 + the signal if a signal ended it) and everything it wrote to standard output.
    private static func standardOutput(
        of command: String, environment: [String: String], profile: String
    ) throws(AWSConfigurationError) -> (status: Int32, output: [UInt8]) {
        let notStarted = AWSConfigurationError.credentialProcessFailed(profile: profile, reason: "it could not be started")
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw notStarted }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        let child: pid_t
        do {
            child = try ChildProcess.spawn("/bin/sh", arguments: ["-c", command], environment: environment) { actions in
                posix_spawn_file_actions_adddup2(&actions, writeEnd, STDOUT_FILENO)
                posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
                posix_spawn_file_actions_addclose(&actions, readEnd)
                posix_spawn_file_actions_addclose(&actions, writeEnd)
            }
        } catch {
            close(writeEnd)
            close(readEnd)
            throw notStarted
        }
        close(writeEnd)
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                output += chunk[0..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(readEnd)
        return (ChildProcess.wait(for: child).shellStatus, output)
    }
}
