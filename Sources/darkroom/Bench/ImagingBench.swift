import ArgumentParser
import CPNG
import DarkroomImaging
import Foundation

/// `darkroom bench imaging`: decode, resize, render and ANSI figures for the 1024×1024 test PNGs,
/// against libpng's own decode and against `chafa` as a whole process.
struct ImagingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imaging",
        abstract: "Time PNG decoding, resizing, cell rendering and ANSI output; compare with libpng and chafa."
    )

    @Option(help: "Folder with the 1024x1024 PNGs (default: $DARKROOM_TESTDATA/images or ../shared/testdata/images).")
    var images: String?

    @Option(help: "Repetitions per in-process figure; the median is printed.")
    var runs: Int = 25

    @Option(help: "Repetitions per whole-process figure.")
    var processRuns: Int = 15

    @Option(help: "The chafa executable to compare with.")
    var chafa: String = "/usr/bin/chafa"

    func run() throws {
        let folder = images ?? ProcessInfo.processInfo.environment["DARKROOM_TESTDATA"].map { "\($0)/images" } ?? "../shared/testdata/images"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".png") }.sorted()
        guard !files.isEmpty else { throw ValidationError("No PNG files in \(folder).") }
        print("darkroom bench imaging: medians of \(runs) runs (process figures: \(processRuns) runs), libpng \(String(cString: cpng_libpng_version()))")
        for file in files {
            let path = "\(folder)/\(file)"
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            guard try PNG.dimensions(of: bytes) == (1024, 1024) else { continue }
            try bench(file: file, path: path, bytes: bytes)
        }
    }

    private func bench(file: String, path: String, bytes: [UInt8]) throws {
        print("\n\(file) (\(bytes.count) bytes)")
        let libpng = median(runs) { Self.decodeWithLibpngOnly(bytes) }
        let decode = try median(runs) { _ = try PNG.decode(bytes) }
        let image = try PNG.decode(bytes)
        let resize = median(runs) { _ = image.resized(width: 80, height: 80) }
        print(row("libpng decode alone (shim, C buffer)", libpng))
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
        let pipeline = try median(runs) { _ = try streaming.render(png: bytes, columns: 80, rows: 40) }
        print(row("decode+resize+render (streamed, half 256)", pipeline) + String(format: "   %.2fx libpng decode (target <= 1.15)", pipeline / libpng))

        let fidelity = HalfBlockFidelity(image: image, columns: 80, rows: 40)
        let show = try processFigures(Self.ownExecutable, ["show", path, "--size", "80x40", "--symbols", "half", "--colors", "256"])
        print(row("process: darkroom show --size 80x40 half 256", show.milliseconds)
            + String(format: "   %6d bytes, RMS error %5.2f", show.output.count, fidelity.rmsError(of: show.output)))
        guard FileManager.default.isExecutableFile(atPath: chafa) else {
            print("  (chafa not found at \(chafa): apt-get install -y chafa for the comparison)")
            return
        }
        let reference = try processFigures(chafa, ["--size", "80x40", "--symbols", "vhalf", "--colors", "256", path])
        print(row("process: chafa --size 80x40 vhalf 256", reference.milliseconds)
            + String(format: "   %6d bytes, RMS error %5.2f", reference.output.count, fidelity.rmsError(of: reference.output)))
        print(String(format: "  darkroom/chafa: time %.2fx (target <= 0.75), output %.2fx (target <= 1.00)",
                     show.milliseconds / reference.milliseconds, Double(show.output.count) / Double(reference.output.count)))
    }

    private func row(_ label: String, _ milliseconds: Double) -> String {
        "  " + label.padding(toLength: 46, withPad: " ", startingAt: 0) + String(format: "%8.3f ms", milliseconds)
    }

    /// The median wall time of `body` in milliseconds, after one warm-up run.
    private func median(_ count: Int, _ body: () throws -> Void) rethrows -> Double {
        try body()
        var times: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<max(1, count) {
            let start = clock.now
            try body()
            let elapsed = clock.now - start
            times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        return times.sorted()[times.count / 2]
    }

    /// The median time of a whole process run with its output read through a pipe, and the output.
    private func processFigures(_ executable: String, _ arguments: [String]) throws -> (milliseconds: Double, output: [UInt8]) {
        var bytes: [UInt8] = []
        let milliseconds = try median(processRuns) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            bytes = [UInt8](output.fileHandleForReading.readDataToEndOfFile())
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ValidationError("\(executable) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus).")
            }
        }
        return (milliseconds, bytes)
    }

    private static var ownExecutable: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    }

    /// The baseline: libpng decoding to RGBA8 into a plain C buffer, no Swift types involved.
    private static func decodeWithLibpngOnly(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let decoder = cpng_decoder_create(base, buffer.count) else { return }
            defer { cpng_decoder_destroy(decoder) }
            guard cpng_decoder_read_header(decoder) == CPNG_OK else { return }
            let pixels = malloc(Int(cpng_decoder_width(decoder)) * Int(cpng_decoder_height(decoder)) * 4)
            defer { free(pixels) }
            if let pixels { _ = cpng_decoder_read_image(decoder, pixels.assumingMemoryBound(to: UInt8.self)) }
        }
    }
}
