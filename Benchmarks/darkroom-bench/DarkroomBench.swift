import ArgumentParser

/// `darkroom-bench AREA`: performance figures, one subcommand per area, printed as text. Not part of the
/// shipped `darkroom`; `make bench` builds it in release mode and runs every area.
///
/// Adding an area is one file under `Areas/` (an `AsyncParsableCommand` or `ParsableCommand`) and one line below.
@main
struct DarkroomBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "darkroom-bench",
        abstract: "Print darkroom's performance figures (build with -c release for meaningful numbers).",
        subcommands: [
            ImagingBench.self,
            S3Bench.self,
            BackendBench.self,
            ServeBench.self,
            TUIBench.self,
            SweepsBench.self,
            GraphicsBench.self,
            GalleryBench.self,
        ]
    )
}
