import ArgumentParser
import DarkroomImaging
import DarkroomTerminal
import DarkroomTestSupport
import Foundation

/// `darkroom-bench graphics`: a 1024x1024 PNG into an 80x40-cell box per protocol, `darkroom show` against
/// chafa, both as whole processes on a pseudo-terminal that reports the same cells and pixels; bytes, wall
/// time, and for sixel the fidelity of the decoded stream (libsixel's sixel2png) against the source.
struct GraphicsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graphics",
        abstract: "Bytes, time and sixel fidelity of darkroom show per protocol, against chafa on the same pty size."
    )

    @Option(help: "The 1024x1024 PNG (default: the test data's astronaut).")
    var image: String?

    @Option(help: "Repetitions per figure; the median is printed.")
    var runs: Int = 5

    @Option(help: "The chafa executable to compare with.")
    var chafa: String = "/usr/bin/chafa"

    /// The pty: 100x50 cells of 10x20 pixels; the picture goes in 80x40 cells (800x800 pixels).
    static let terminal = (columns: 100, rows: 50, cellWidth: 10, cellHeight: 20)

    /// Runs the command on a fresh pty of the bench's size and collects everything it writes.
    private static let ptyRunner = """
        import fcntl, json, os, pty, select, struct, subprocess, sys, termios, time
        cols, rows, cw, ch = map(int, sys.argv[1:5]); out = sys.argv[5]; cmd = sys.argv[6:]
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, cols * cw, rows * ch))
        attrs = termios.tcgetattr(slave); attrs[1] &= ~termios.OPOST; termios.tcsetattr(slave, termios.TCSANOW, attrs)
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=subprocess.DEVNULL, start_new_session=True)
        os.close(slave)
        data = bytearray()
        while True:
            r, _, _ = select.select([master], [], [], 0.05)
            if r:
                try:
                    chunk = os.read(master, 1 << 16)
                except OSError:
                    chunk = b''
                if not chunk and p.poll() is not None: break
                data += chunk
            elif p.poll() is not None:
                break
        p.wait(); wall = (time.perf_counter() - start) * 1000
        open(out, 'wb').write(data)
        print(json.dumps({'ms': wall, 'bytes': len(data), 'status': p.returncode}))
        """

    func run() throws {
        let path = image ?? TestData.url("images/astronaut_1024_rgb.png").path
        let source = try PNG.decode(contentsOf: path)
        let darkroom = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("darkroom").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("darkroom-bench-graphics-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let t = Self.terminal
        print("darkroom-bench graphics: \(path) (\(source.width)x\(source.height)) into 80x40 cells of \(t.cellWidth)x\(t.cellHeight) px, "
              + "pty \(t.columns)x\(t.rows); whole processes, medians of \(runs) runs")
        print("  " + "protocol".padding(toLength: 10, withPad: " ", startingAt: 0) + "   darkroom ms     bytes |      chafa ms     bytes | time ratio  bytes ratio")
        var fidelity: [String] = []
        for (name, chafaFormat) in [("kitty", "kitty"), ("sixel", "sixels"), ("iterm2", "iterm")] {
            let ours = try measure([darkroom, "show", "--graphics", name, "--size", "80x40", path], output: folder.appendingPathComponent("darkroom.\(name)"))
            let theirs = try measure([chafa, "-f", chafaFormat, "-s", "80x40", path], output: folder.appendingPathComponent("chafa.\(name)"))
            print("  " + name.padding(toLength: 10, withPad: " ", startingAt: 0)
                  + String(format: " %12.1f %9d | %12.1f %9d | %9.2fx %10.2fx", ours.ms, ours.bytes, theirs.ms, theirs.bytes,
                           ours.ms / theirs.ms, Double(ours.bytes) / Double(max(1, theirs.bytes))))
            if name == "sixel" {
                for (who, file) in [("darkroom", "darkroom.sixel"), ("chafa", "chafa.sixel")] {
                    fidelity.append("  sixel fidelity \(who): " + (try sixelError(folder.appendingPathComponent(file), source: source)))
                }
            }
        }
        fidelity.forEach { print($0) }
    }

    private func measure(_ command: [String], output: URL) throws -> (ms: Double, bytes: Int) {
        let t = Self.terminal
        var times: [Double] = []
        var bytes = 0
        for _ in 0..<max(1, runs) {
            let result = try Subprocess.run(["python3", "-c", Self.ptyRunner, "\(t.columns)", "\(t.rows)", "\(t.cellWidth)", "\(t.cellHeight)", output.path] + command)
            guard result.status == 0, let data = result.standardOutput.data(using: .utf8),
                  let figures = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let ms = figures["ms"] as? Double, let count = figures["bytes"] as? Int, (figures["status"] as? Int) == 0
            else { throw ValidationError("\(command.joined(separator: " ")) failed on the pty: \(result.output)") }
            times.append(ms)
            bytes = count
        }
        return (times.sorted()[times.count / 2], bytes)
    }

    /// Mean OKLab error of the decoded sixel against the source scaled to the decoded size.
    private func sixelError(_ stream: URL, source: RGBAImage) throws -> String {
        let png = stream.appendingPathExtension("png")
        let result = try Subprocess.run(["sixel2png", "-i", stream.path, "-o", png.path])
        guard result.status == 0 else { return "sixel2png failed: \(result.output)" }
        let decoded = try PNG.decode(contentsOf: png.path)
        let error = ImageDifference.meanOKLab(decoded, source.resized(width: decoded.width, height: decoded.height))
        return String(format: "%dx%d px, mean OKLab error %.4f", decoded.width, decoded.height, error)
    }
}
