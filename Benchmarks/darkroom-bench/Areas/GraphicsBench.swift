import ArgumentParser
import DarkroomImaging
import DarkroomTerminal
import DarkroomTestSupport
import Foundation

/// `darkroom-bench graphics`: a 1024x1024 PNG into an 80x40-cell box per protocol, `darkroom show` against
/// chafa, both as whole processes on a pseudo-terminal that reports the same cells and pixels (TIOCSWINSZ with
/// ws_xpixel/ws_ypixel), runs interleaved so both see the same machine load; wall time until the last byte is
/// read, CPU time of the child (wait4), bytes, and for sixel the fidelity of the decoded stream (libsixel's
/// sixel2png) against the source scaled to the decoded size. Not a timed test: figures against the anchor.
struct GraphicsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graphics",
        abstract: "Bytes, time and sixel fidelity of darkroom show per protocol, against chafa on the same pty size."
    )

    @Option(help: "The 1024x1024 PNG (default: the test data's astronaut).")
    var image: String?

    @Option(help: "Repetitions per figure, darkroom and chafa alternating; the median is printed.")
    var runs: Int = 7

    @OptionGroup var comparison: ChafaComparison

    @Option(help: "The protocols to measure, comma-separated (kitty, sixel, iterm2).")
    var protocols: String = "kitty,sixel,iterm2"

    /// The pty: 100x50 cells of 10x20 pixels; the picture goes in 80x40 cells (800x800 pixels).
    static let terminal = (columns: 100, rows: 50, cellWidth: 10, cellHeight: 20)
    /// The issue's goals: time at most 0.75x chafa's, bytes at most chafa's.
    static let timeGoal = 0.75

    /// Runs the command on a fresh pty of the bench's size and collects everything it writes; the wall time
    /// ends when the child has exited and its last byte is read, the CPU time is the child's (wait4).
    private static let ptyRunner = """
        import fcntl, json, os, pty, select, struct, subprocess, sys, termios, time
        cols, rows, cw, ch = map(int, sys.argv[1:5]); out = sys.argv[5]; cmd = sys.argv[6:]
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, cols * cw, rows * ch))
        attrs = termios.tcgetattr(slave); attrs[1] &= ~termios.OPOST; termios.tcsetattr(slave, termios.TCSANOW, attrs)
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=subprocess.DEVNULL, start_new_session=True)
        os.close(slave)
        data = bytearray(); done = None
        while True:
            r, _, _ = select.select([master], [], [], 0.01)
            chunk = b''
            if r:
                try:
                    chunk = os.read(master, 1 << 16)
                except OSError:
                    chunk = b''
                data += chunk
            if done is None:
                pid, status, usage = os.wait4(p.pid, os.WNOHANG)
                if pid: done = (status, usage)
            if done is not None and not chunk: break
        wall = (time.perf_counter() - start) * 1000
        open(out, 'wb').write(data)
        cpu = (done[1].ru_utime + done[1].ru_stime) * 1000
        print(json.dumps({'ms': wall, 'cpu': cpu, 'bytes': len(data), 'status': os.waitstatus_to_exitcode(done[0])}))
        """

    private struct Figures {
        var wall: [Double] = []
        var cpu: [Double] = []
        var bytes = 0
        var output: [UInt8] = []
        var medianWall: Double { wall.sorted()[wall.count / 2] }
        var medianCPU: Double { cpu.sorted()[cpu.count / 2] }
    }

    func run() throws {
        let path = image ?? TestData.url("images/astronaut_1024_rgb.png").path
        let source = try PNG.decode(contentsOf: path)
        let darkroom = BuiltProducts.executable("darkroom").path
        let scratch = try TemporaryDirectory("darkroom-bench-graphics")
        defer { scratch.remove() }
        let folder = scratch.url
        let t = Self.terminal
        let loadAtStart = LoadAverage.oneMinute
        print("darkroom-bench graphics: \(path) (\(source.width)x\(source.height)) into 80x40 cells of \(t.cellWidth)x\(t.cellHeight) px "
              + "(\(80 * t.cellWidth)x\(40 * t.cellHeight)), pty \(t.columns)x\(t.rows) cells reporting \(t.columns * t.cellWidth)x\(t.rows * t.cellHeight) px")
        print("  whole processes on the pty (darkroom show --graphics P --size 80x40 vs chafa -f P -s 80x40), alternating, medians of \(runs) runs;")
        print("  wall = start until exit and last byte read; cpu = the child's user+system time (wait4). Goals: wall <= \(Self.timeGoal)x chafa, bytes <= chafa.")
        print("  " + "protocol".padding(toLength: 8, withPad: " ", startingAt: 0)
              + "| darkroom wall    cpu     bytes  picture | chafa wall    cpu     bytes  picture | wall ratio  cpu ratio  bytes ratio | goals")
        var fidelity: [String] = []
        let chosen = protocols.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for (name, chafaFormat) in [("kitty", "kitty"), ("sixel", "sixels"), ("iterm2", "iterm")] where chosen.contains(name) {
            var ours = Figures(), theirs = Figures()
            for _ in 0..<max(1, runs) {
                try measure([darkroom, "show", "--graphics", name, "--size", "80x40", path], into: &ours, output: folder.appendingPathComponent("darkroom.\(name)"))
                try measure([comparison.chafa, "-f", chafaFormat, "-s", "80x40", path], into: &theirs, output: folder.appendingPathComponent("chafa.\(name)"))
            }
            let wallRatio = ours.medianWall / theirs.medianWall, bytesRatio = Double(ours.bytes) / Double(max(1, theirs.bytes))
            let goals = (wallRatio <= Self.timeGoal ? "time met" : "time MISSED") + ", " + (bytesRatio <= 1 ? "bytes met" : "bytes MISSED")
            print("  " + name.padding(toLength: 8, withPad: " ", startingAt: 0)
                  + String(format: "| %13.1f %6.1f %9d ", ours.medianWall, ours.medianCPU, ours.bytes) + Self.right(Self.pictureSize(ours.output), 8)
                  + String(format: " | %10.1f %6.1f %9d ", theirs.medianWall, theirs.medianCPU, theirs.bytes) + Self.right(Self.pictureSize(theirs.output), 8)
                  + String(format: " | %9.2fx %9.2fx %11.2fx | ", wallRatio, ours.medianCPU / theirs.medianCPU, bytesRatio) + goals)
            if name == "sixel" {
                let errors = try [folder.appendingPathComponent("darkroom.sixel"), folder.appendingPathComponent("chafa.sixel")].map {
                    try sixelError($0, source: source)
                }
                for (who, result) in zip(["darkroom", "chafa"], errors) {
                    fidelity.append("  sixel fidelity \(who): " + String(format: "%dx%d px, mean OKLab error %.4f", result.width, result.height, result.error))
                }
                fidelity.append("  sixel fidelity goal (darkroom's error <= chafa's): " + (errors[0].error <= errors[1].error ? "met" : "MISSED")
                                + String(format: " (%.2fx)", errors[0].error / errors[1].error))
            }
        }
        fidelity.forEach { print($0) }
        print("  load average (1 min) at the start and the end: \(loadAtStart), \(LoadAverage.oneMinute)")
        print("  darkroom's pictures are smaller than the box where the 512 KiB per-image budget requires it (GraphicsRenderer.imageBudget);")
        print("  chafa has no budget. Fidelity compares each decoded sixel with the source scaled to that sixel's own size.")
    }

    private static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private func measure(_ command: [String], into figures: inout Figures, output: URL) throws {
        let t = Self.terminal
        let result = try Subprocess.run(["python3", "-c", Self.ptyRunner, "\(t.columns)", "\(t.rows)", "\(t.cellWidth)", "\(t.cellHeight)", output.path] + command)
        guard result.status == 0, let data = result.standardOutput.data(using: .utf8),
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let ms = json["ms"] as? Double, let cpu = json["cpu"] as? Double, let count = json["bytes"] as? Int, (json["status"] as? Int) == 0
        else { throw ValidationError("\(command.joined(separator: " ")) failed on the pty: \(result.output)") }
        figures.wall.append(ms)
        figures.cpu.append(cpu)
        figures.bytes = count
        figures.output = [UInt8](try Data(contentsOf: output))
    }

    /// The picture's size in pixels as the stream declares it: sixel raster attributes, kitty `s`/`v` (raw
    /// pixels) or the PNG inside the base64 payload (kitty f=100, iTerm2).
    private static func pictureSize(_ stream: [UInt8]) -> String {
        let text = String(decoding: stream.prefix(4096), as: UTF8.self)
        if let range = text.range(of: "\"1;1;") {
            let numbers = text[range.upperBound...].prefix { $0.isNumber || $0 == ";" }.split(separator: ";")
            if numbers.count >= 2 { return "\(numbers[0])x\(numbers[1])" }
        }
        if let width = text.firstMatch(of: /[,_G]s=(\d+)/)?.1, let height = text.firstMatch(of: /,v=(\d+)/)?.1 { return "\(width)x\(height)" }
        // A PNG payload: the first base64 chunk holds the IHDR; decode its first 32 characters.
        let payloadStart = text.firstIndex(of: ":").flatMap { text.hasPrefix("\u{1B}]1337") ? $0 : nil } ?? text.firstIndex(of: ";")
        guard let start = payloadStart, let head = Data(base64Encoded: String(text[text.index(after: start)...].prefix(32))),
              let size = try? PNG.dimensions(of: [UInt8](head) + [UInt8](repeating: 0, count: max(0, 24 - head.count)))
        else { return "?" }
        return "\(size.width)x\(size.height)"
    }

    /// Mean OKLab error of the decoded sixel against the source scaled to the decoded size.
    private func sixelError(_ stream: URL, source: RGBAImage) throws -> (width: Int, height: Int, error: Double) {
        let png = stream.appendingPathExtension("png")
        let result = try Subprocess.run(["sixel2png", "-i", stream.path, "-o", png.path])
        guard result.status == 0 else { throw ValidationError("sixel2png failed on \(stream.path): \(result.output)") }
        let decoded = try PNG.decode(contentsOf: png.path)
        return (decoded.width, decoded.height, ImageDifference.meanOKLab(decoded, source.resized(width: decoded.width, height: decoded.height)))
    }
}
