import ArgumentParser

/// `darkroom bench …`: performance figures, one subcommand per area, printed as text.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Print performance figures (build with -c release for meaningful numbers).",
        subcommands: [BackendBench.self, ImagingBench.self, S3Bench.self, ServeBench.self, TUIBench.self]
    )
}
