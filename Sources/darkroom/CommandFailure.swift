/// A failure found while a command runs (a setting missing, a file not writable), printed as one
/// `Error: …` line. ArgumentParser's `ValidationError` would add a usage block, and from `run()` that is the
/// top-level command's usage, which helps no one.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
