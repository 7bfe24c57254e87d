import DarkroomCore
import DarkroomThreads

/// Runs a program to completion for a test (cfn-lint, python3, the built binaries) and captures its output.
public enum Subprocess {
    /// What a finished program left behind.
    public struct Result: Sendable {
        /// The exit status (or the terminating signal's number).
        public var status: Int32
        /// Everything written to standard output.
        public var standardOutput: String
        /// Everything written to standard error.
        public var standardError: String
        /// Standard output followed by standard error, for failure messages.
        public var output: String { standardOutput + standardError }
    }

    /// Runs `arguments[0]` (looked up on `PATH`) with the rest as its arguments and waits for it to exit.
    public static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let program = try BackgroundProcess(arguments, environment: environment, standardOutput: .piped, standardError: .piped)
        let (output, errors) = program.readOutputToEnd()
        let status = switch program.waitForExit() {
        case .exited(let status), .signaled(let status): status
        }
        return Result(status: status, standardOutput: String(decoding: output, as: UTF8.self),
                      standardError: String(decoding: errors, as: UTF8.self))
    }

    /// Runs the program on a thread of its own, so waiting for it never blocks Swift's cooperative
    /// thread pool (which a server under test in the same process needs).
    public static func run(_ arguments: [String], environment: [String: String]? = nil) async throws -> Result {
        try await BlockingWork.run { Swift.Result { try run(arguments, environment: environment) } }.get()
    }

    /// Words as one POSIX shell command line (for tmux, `sh -c` and ssh's remote command), quoted as the program
    /// quotes the commands it prints.
    public static func commandLine(_ words: [String]) -> String {
        ShellWords.commandLine(words)
    }
}
