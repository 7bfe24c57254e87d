import ArgumentParser
import DarkroomTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `darkroom-bench sweeps`: a 3x3 sweep from one `darkroom generate --sweep` call against the same nine images
/// from nine sequential `darkroom generate` calls, side by side in one run, on the local stack.
struct SweepsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweeps",
        abstract: "Time a 3x3 sweep in one generate call against nine sequential generate calls (local stack)."
    )

    @Option(help: "Rounds of both ways, alternated so machine load hits both alike; medians are compared.")
    var rounds = 1

    @Option(help: "Cells generated at once by the sweep (the `concurrency` setting).")
    var concurrency = 2

    /// The goal: the sweep in at most this fraction of the nine calls' wall time.
    static let goal = 0.55
    static let cfgScales = ["4", "7", "10"]
    static let steps = ["20", "30", "40"]
    static let prompt = "A lighthouse on a cliff at dusk"

    func run() throws {
        guard rounds > 0, concurrency > 0 else { throw ValidationError("--rounds and --concurrency must be positive.") }
        let darkroom = BuiltProducts.executable("darkroom").path
        guard FileManager.default.isExecutableFile(atPath: darkroom) else {
            throw ValidationError("darkroom is not built beside darkroom-bench (\(darkroom)); run `swift build -c release` first.")
        }
        let scratch = try TemporaryDirectory("darkroom-bench-sweeps")
        defer { scratch.remove() }
        let work = scratch.url
        // A private config: the user's settings must not change what is measured.
        let config = work.appendingPathComponent("config/darkroom")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data("concurrency = \(concurrency)\n".utf8).write(to: config.appendingPathComponent("config"))
        setenv("XDG_CONFIG_HOME", work.appendingPathComponent("config").path, 1)
        setenv("XDG_DATA_HOME", work.appendingPathComponent("data").path, 1)
        let output = work.appendingPathComponent("stdout").path

        print("darkroom-bench sweeps: 3x3 (cfg_scale 4,7,10 × steps 20,30,40, seed 42, SDXL 1024x1024) on the local stack,")
        print("local preview engine; sweep concurrency \(concurrency), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(rounds) round(s)")
        let loadBefore = LoadAverage.oneMinute
        var nineWall: [Double] = [], nineCPU: [Double] = [], sweepWall: [Double] = [], sweepCPU: [Double] = []
        var identical = true
        for round in 0..<rounds {
            let nineData = work.appendingPathComponent("nine-\(round)").path
            var wall = 0.0, cpu = 0.0
            for step in Self.steps {
                for cfg in Self.cfgScales {
                    let run = try TimedProcess.run(darkroom, ["generate", Self.prompt, "--seed", "42", "--cfg-scale", cfg, "--steps", step,
                                                              "--data", nineData], outputPath: output)
                    wall += run.wallMilliseconds
                    cpu += run.cpuMilliseconds
                }
            }
            nineWall.append(wall)
            nineCPU.append(cpu)
            let sweepData = work.appendingPathComponent("sweep-\(round)").path
            let sweep = try TimedProcess.run(darkroom, ["generate", Self.prompt, "--seed", "42", "--sweep", "cfg_scale=4,7,10",
                                                        "--sweep", "steps=20,30,40", "--data", sweepData, "--json"], outputPath: output)
            sweepWall.append(sweep.wallMilliseconds)
            sweepCPU.append(sweep.cpuMilliseconds)
            identical = identical && Self.images(in: nineData) == Self.images(in: sweepData) && Self.images(in: nineData).count == 9
        }
        let nine = Samples(nineWall).median, one = Samples(sweepWall).median
        print("")
        print(Self.row("9 sequential generate calls", wall: nine, cpu: Samples(nineCPU).median))
        print(Self.row("1 generate --sweep call (+ sheet)", wall: one, cpu: Samples(sweepCPU).median))
        // The sweep can only beat the nine calls by running cells side by side: on a busy machine it gets less
        // than two cores, and then both ways cost about the same CPU. Said here so the ratio is read with it.
        let cores = String(format: "%.2f", Samples(sweepCPU).median / max(one, 1))
        print("cores the sweep used: \(cores) of \(ProcessInfo.processInfo.activeProcessorCount) (cpu / wall); load average \(loadBefore) before, \(LoadAverage.oneMinute) after")
        let ratio = one / max(nine, 1)
        print(String(format: "sweep / sequential wall time: %.2fx (goal <= %.2fx): %@", ratio, Self.goal, ratio <= Self.goal ? "met" : "NOT met"))
        print("the nine images are byte-identical both ways: \(identical ? "yes" : "NO")")
    }

    static func row(_ title: String, wall: Double, cpu: Double) -> String {
        title.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "wall %8.0f ms   cpu %8.0f ms", wall, cpu)
    }

    /// The stored images' bytes (their names differ by time and a random part; their contents must not).
    static func images(in data: String) -> Set<Data> {
        let folder = URL(fileURLWithPath: data).appendingPathComponent("bucket/output-images")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Set(names.compactMap { FileManager.default.contents(atPath: folder.appendingPathComponent($0).path) })
    }
}
