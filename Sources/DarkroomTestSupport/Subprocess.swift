import DarkroomCore
import DarkroomThreads
import Foundation

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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a program that fills one cannot deadlock against us.
        let errorData = ErrorCollector()
        // A thread, not Dispatch: the global queue is only as wide as the CPU count, and other subprocesses'
        // readers may hold it until their programs exit.
        Thread.detachNewThread { errorData.finish(error.fileHandleForReading.readDataToEndOfFile()) }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData.wait(), as: UTF8.self)
        )
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

    /// Holds the standard-error bytes read on another thread until the caller collects them.
    private final class ErrorCollector: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()

        func finish(_ data: Data) {
            self.data = data
            done.signal()
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
