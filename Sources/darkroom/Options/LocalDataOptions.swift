import ArgumentParser
import DarkroomSetup

/// `--data`: where the local stack keeps its bucket, for every command that reads or writes it (generate, info, serve).
struct LocalDataOptions: ParsableArguments {
    @Option(help: "The local stack's data folder; its bucket/ subfolder is the local bucket (default: $XDG_DATA_HOME/darkroom).",
            completion: .directory)
    var data: String?

    /// This option as a settings layer.
    var layer: SettingsLayer { SettingsLayer(dataFolder: data) }
}
