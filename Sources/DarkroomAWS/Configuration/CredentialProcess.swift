#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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
    ///
    /// posix_spawn rather than Foundation's `Process`, which would bring all of Foundation (and its ICU data)
    /// into the Lambda package for this one call.
    private static func standardOutput(
        of command: String, environment: [String: String], profile: String
    ) throws(AWSConfigurationError) -> (status: Int32, output: [UInt8]) {
        let notStarted = AWSConfigurationError.credentialProcessFailed(profile: profile, reason: "it could not be started")
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw notStarted }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, writeEnd, STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        // The child starts with no signal blocked, whatever the spawning thread blocks.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        var child = pid_t()
        let spawned = withCStringArray(["/bin/sh", "-c", command]) { arguments in
            withCStringArray(environment.map { "\($0.key)=\($0.value)" }) { variables in
                posix_spawn(&child, "/bin/sh", &actions, &attributes, arguments, variables)
            }
        }
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            throw notStarted
        }
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
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as they are macros.
        let signal = status & 0x7F
        return (signal == 0 ? (status >> 8) & 0xFF : 128 + signal, output)
    }

    /// Runs `body` with `strings` as a NULL-terminated array of C strings, as exec-style calls take them.
    private static func withCStringArray<Result>(
        _ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result
    ) -> Result {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return body(copies + [nil])
    }
}
