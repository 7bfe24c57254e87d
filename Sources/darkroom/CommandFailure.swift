import ArgumentParser

/// A failure found while a command runs (a setting missing, a file not writable), printed as one
/// `Error: …` line. ArgumentParser's `ValidationError` would add a usage block, and from `run()` that is the
/// top-level command's usage, which helps no one.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    /// 1, or for `usage` EX_USAGE (64), as ArgumentParser's own usage errors exit: a script can tell a command
    /// line that asks for what cannot be from a run that failed.
    let exitCode: ExitCode

    init(_ description: String) {
        self.description = description
        exitCode = .failure
    }

    private init(_ description: String, exitCode: ExitCode) {
        self.description = description
        self.exitCode = exitCode
    }

    /// The command line asks for what cannot be: options that exclude each other, a value the model does not take,
    /// a sweep axis that does not parse. Nothing was run.
    static func usage(_ description: String) -> CommandFailure {
        CommandFailure(description, exitCode: .validationFailure)
    }
}
