import ArgumentParser
import DarkroomServer
import Foundation

/// `--data`: where the local stack keeps its bucket, for every command that reads or writes it (generate, info, serve).
struct LocalDataOptions: ParsableArguments {
    @Option(help: "The local stack's data folder; its bucket/ subfolder is the local bucket (default: $XDG_DATA_HOME/darkroom).")
    var data: String?

    /// The local bucket's folder.
    var bucketFolder: URL { LocalStack.bucketFolder(dataFolder: data) }
}
