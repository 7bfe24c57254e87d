import ArgumentParser
import DarkroomImaging
import DarkroomTestSupport
import Foundation

/// `darkroom-bench imaging`: decode, resize, render and ANSI figures for the 1024×1024 test PNGs,
/// against libpng's own decode and against `chafa` as a whole process.
struct ImagingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imaging",
        abstract: "Time PNG decoding, resizing, cell rendering and ANSI output; compare with libpng and chafa."
    )

    @Option(help: "Folder with the 1024x1024 PNGs (default: the test data's images: $DARKROOM_TESTDATA/images or ../shared/testdata/images).")
    var images: String?

    @Option(help: "Repetitions per in-process figure; the median is printed.")
    var runs: Int = 25

    @Option(help: "Repetitions per whole-process figure.")
    var processRuns: Int = 15

    @OptionGroup var comparison: ChafaComparison

    func run() throws {
        let folder = images ?? TestData.url("images").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".png") }.sorted()
        guard !files.isEmpty else { throw ValidationError("No PNG files in \(folder).") }
        print("darkroom-bench imaging: medians of \(runs) runs (process figures: \(processRuns) runs), libpng \(PNG.libraryVersion)")
        for file in files {
            let path = "\(folder)/\(file)"
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            guard try PNG.dimensions(of: bytes) == (1024, 1024) else { continue }
            try bench(file: file, path: path, bytes: bytes)
        }
    }

    private func bench(file: String, path: String, bytes: [UInt8]) throws {
        print("\n\(file) (\(bytes.count) bytes)")
        let libpng = median(runs) { _ = PNGBaseline.decode(bytes) }
        let decode = try median(runs) { _ = try PNG.decode(bytes) }
        let image = try PNG.decode(bytes)
        let resize = median(runs) { _ = image.resized(width: 80, height: 80) }
        print(row("libpng decode alone (shim, C buffer)", libpng))
        print(row("  the same without adding alpha to opaque", median(runs) { _ = PNGBaseline.decode(bytes, allowRGB: true) }))
        print(row("PNG.decode to RGBAImage", decode))
        print(row("resize 1024x1024 -> 80x80 (box)", resize))

        for symbols in [SymbolSet.half, .quad] {
            for colors in [ColorMode.xterm256, .truecolor] {
                let renderer = ThumbnailRenderer(symbols: symbols, colors: colors)
                let across = symbols == .quad ? 2 : 1
                let samples = image.resized(width: 80 * across, height: 80)
                let render = median(runs) { _ = renderer.render(samples, columns: 80, rows: 40) }
                let grid = renderer.render(samples, columns: 80, rows: 40)
                let serialize = median(runs) { _ = ANSISerializer.serialize(grid, colors: colors) }
                let size = ANSISerializer.serialize(grid, colors: colors).count
                print(row("render 80x40 \(symbols.rawValue) \(colors.rawValue)", render)
                    + String(format: "   serialize %6.3f ms, %6d bytes", serialize, size))
            }
        }

        let streaming = ThumbnailRenderer(symbols: .half, colors: .xterm256)
        let pipeline = try paired(runs, baseline: { _ = PNGBaseline.decode(bytes) }, candidate: {
            _ = try streaming.render(png: bytes, columns: 80, rows: 40)
        })
        print(row("decode+resize+render (streamed, half 256)", pipeline.candidate)
            + String(format: "   %.2fx libpng decode (paired median; target <= 1.15)", pipeline.ratio))

        let fidelity = HalfBlockFidelity(image: image, columns: 80, rows: 40)
        let showArguments = ["show", path, "--size", "80x40", "--symbols", "half", "--colors", "256"]
        guard comparison.isInstalled else {
            let show = try processFigures(Self.ownExecutable, showArguments)
            print(row("process: darkroom show --size 80x40 half 256", show.wall) + "   \(show.output.count) bytes")
            print("  (chafa not found at \(comparison.chafa): apt-get install -y chafa for the comparison)")
            return
        }
        // Alternate the two programs so a change in machine load hits both alike.
        var ours: [TimedProcess] = [], theirs: [TimedProcess] = []
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("darkroom-bench-\(getpid()).out").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for _ in 0..<max(1, processRuns) {
            ours.append(try TimedProcess.run(Self.ownExecutable, showArguments, outputPath: scratch))
            theirs.append(try TimedProcess.run(comparison.chafa, ["--size", "80x40", "--symbols", "vhalf", "--colors", "256", path], outputPath: scratch))
        }
        for (label, runs) in [("process: darkroom show --size 80x40 half 256", ours), ("process: chafa --size 80x40 vhalf 256", theirs)] {
            let output = runs[0].output
            print(row(label, Samples(runs.map(\.wallMilliseconds)).median)
                + String(format: " (CPU %6.1f ms)   %6d bytes, RMS error %5.2f",
                         Samples(runs.map(\.cpuMilliseconds)).median, output.count, fidelity.rmsError(of: output)))
        }
        let wallRatio = Samples(zip(ours, theirs).map { $0.wallMilliseconds / $1.wallMilliseconds }).median
        let cpuRatio = Samples(zip(ours, theirs).map { $0.cpuMilliseconds / $1.cpuMilliseconds }).median
        print(String(format: "  darkroom/chafa: wall %.2fx, CPU %.2fx (target <= 0.75); output %.2fx (target <= 1.00)",
                     wallRatio, cpuRatio, Double(ours[0].output.count) / Double(theirs[0].output.count)))
    }

    private func row(_ label: String, _ milliseconds: Double) -> String {
        "  " + label.padding(toLength: 46, withPad: " ", startingAt: 0) + String(format: "%8.3f ms", milliseconds)
    }

    /// The median wall time of `body` in milliseconds, after one warm-up run.
    private func median(_ count: Int, _ body: () throws -> Void) rethrows -> Double {
        try body()
        return Samples(try (0..<max(1, count)).map { _ in try Stopwatch.milliseconds(of: body) }).median
    }

    /// Runs two workloads alternately; the medians of each and of the per-pair ratio
    /// candidate/baseline, which load changes during the bench affect the least.
    private func paired(
        _ count: Int, baseline: () throws -> Void, candidate: () throws -> Void
    ) rethrows -> (baseline: Double, candidate: Double, ratio: Double) {
        try baseline()
        try candidate()
        var pairs: [(Double, Double)] = []
        for _ in 0..<max(1, count) {
            pairs.append((try Stopwatch.milliseconds(of: baseline), try Stopwatch.milliseconds(of: candidate)))
        }
        return (Samples(pairs.map(\.0)).median, Samples(pairs.map(\.1)).median, Samples(pairs.map { $1 / $0 }).median)
    }

    /// The median wall time of whole runs of a process, and its output.
    private func processFigures(_ executable: String, _ arguments: [String]) throws -> (wall: Double, output: [UInt8]) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("darkroom-bench-\(getpid()).out").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let runs = try (0..<max(1, processRuns)).map { _ in try TimedProcess.run(executable, arguments, outputPath: scratch) }
        return (Samples(runs.map(\.wallMilliseconds)).median, runs[0].output)
    }

    /// The `darkroom` built beside this bench.
    private static var ownExecutable: String {
        BuiltProducts.executable("darkroom").path
    }
}
