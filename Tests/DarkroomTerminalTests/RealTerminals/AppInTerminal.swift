import DarkroomCore
import DarkroomImaging
import DarkroomTUI
import DarkroomTerminal
import DarkroomTestSupport
import Foundation

/// The built app in a real terminal on a headless X server, on the embedded local stack with a few images
/// dropped into its bucket: keys typed with xdotool (XTEST, to the window under the pointer), the screen read
/// back with `import`, and the app's own `Layout` telling where the preview's pixels must be.
final class AppInTerminal {
    let display: XDisplay
    let home: TemporaryDirectory
    let label: String
    /// The terminal's size in cells and one cell in pixels, as the kernel reported it to the shell.
    private(set) var columns = 0
    private(set) var rows = 0
    private(set) var cell = PixelSize(width: 0, height: 0)
    private let windowPath: String
    let errorPath: String
    private var shots = 0

    /// The images' keys in the bucket, in the order given (newest last).
    private(set) var imageKeys: [String] = []

    /// Starts `terminal` (built from the shell line) with `images`, newest last, in the local bucket, and the other
    /// objects `more` makes from the images' keys (a sweep's manifest). With `ssh` the terminal runs `ssh -t` to that
    /// server, which runs the app: the terminal's answers, the pictures and the window changes cross the connection,
    /// through `relay` (a `SlowLink`'s port) when given.
    init(label: String, images: [RGBAImage], terminal: (String) -> [String], environment: [String: String] = [:], ssh: SSHServer? = nil,
         relay: Int? = nil,
         more: ([String]) throws -> [(key: String, bytes: [UInt8])] = { _ in [] }) throws {
        self.label = label
        home = try TemporaryDirectory("real-terminal-app-\(label)")
        display = try XDisplay()
        windowPath = home.url.appendingPathComponent("window.txt").path
        errorPath = home.url.appendingPathComponent("stderr.txt").path
        let bucket = home.url.appendingPathComponent("data/darkroom/bucket/output-images")
        try FileManager.default.createDirectory(at: bucket, withIntermediateDirectories: true)
        let now = Date()
        for (index, image) in images.enumerated() {
            let key = ObjectNaming.imageKey(date: now.addingTimeInterval(Double(index - images.count)), seed: UInt32(index + 1))
            let file = home.url.appendingPathComponent("data/darkroom/bucket").appendingPathComponent(key)
            try Data(try PNG.encode(image)).write(to: file)
            imageKeys.append(key)
        }
        for object in try more(imageKeys) {
            let file = home.url.appendingPathComponent("data/darkroom/bucket").appendingPathComponent(object.key)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(object.bytes).write(to: file)
        }
        let variables = [
            "XDG_DATA_HOME=\(home.url.appendingPathComponent("data").path)", "XDG_CACHE_HOME=\(home.url.appendingPathComponent("cache").path)",
            "XDG_CONFIG_HOME=\(home.url.appendingPathComponent("config").path)", "HOME=\(home.url.path)", "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
        ].map { "'\($0)'" }.joined(separator: " ")
        let windowSize = "import fcntl, struct, sys, termios; r, c, x, y = struct.unpack('HHHH', fcntl.ioctl(1, termios.TIOCGWINSZ, bytes(8))); "
            + "open(sys.argv[1], 'w').write(f'{c} {r} {x} {y}')"
        // The cursor is hidden after the app ends so it is not part of the screenshots; sleep keeps the window.
        // The first sleep lets the terminal finish starting before the app probes it (see RealTerminalTests.show).
        let app = "env \(variables) '\(BuiltProducts.executable("darkroom").path)' 2>'\(errorPath)'"
        let line = "sleep 2; python3 -c \"\(windowSize)\" '\(windowPath)'; \(ssh.map { Subprocess.commandLine($0.client(running: app, via: relay)) } ?? app); "
            + "printf '\\033[?25l\\033[2J'; sleep 300"
        try display.launch(terminal(line), environment: environment)
        // kitty renders in software here: beside the rest of the suite on two cores it once took over 30 s to start.
        let startWait: TimeInterval = 90
        let deadline = Date().addingTimeInterval(startWait)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: windowPath, encoding: .utf8) {
                let numbers = text.split(separator: " ").compactMap { Int($0) }
                if numbers.count == 4, numbers[0] > 0, numbers[1] > 0 {
                    (columns, rows) = (numbers[0], numbers[1])
                    cell = PixelSize(width: numbers[2] / numbers[0], height: numbers[3] / numbers[1])
                    break
                }
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        guard columns > 0, cell.width > 0 else { throw XDisplayError(message: "the terminal did not start the shell line (no window size in \(Int(startWait)) s)") }
        // XTEST key events go to the window under the pointer (there is no window manager to focus one).
        _ = try xdotool(["mousemove", "5", "5"])
    }

    private func xdotool(_ arguments: [String]) throws -> Subprocess.Result {
        try Subprocess.run(["env", "DISPLAY=\(display.display)", "xdotool"] + arguments)
    }

    func stop() {
        display.stop()
        home.remove()
    }

    /// Presses keys (xdotool names: Tab, Right, question, Escape, q).
    func press(_ keys: String...) throws {
        for key in keys {
            let result = try xdotool(["key", key])
            guard result.status == 0 else { throw XDisplayError(message: "xdotool key \(key) failed: \(result.output)") }
            Thread.sleep(forTimeInterval: 0.25)
        }
    }

    /// Presses mouse `button` (1 the left one, 4 and 5 the wheel up and down) over the middle of the cell at `x`, `y`:
    /// the terminal reports it to the app as it would a hand's.
    func click(x: Int, y: Int, button: Int = 1) throws {
        let (pixelX, pixelY) = (x * cell.width + cell.width / 2, y * cell.height + cell.height / 2)
        let result = try xdotool(["mousemove", String(pixelX), String(pixelY), "click", String(button)])
        guard result.status == 0 else { throw XDisplayError(message: "xdotool click \(button) failed: \(result.output)") }
        Thread.sleep(forTimeInterval: 0.25)
    }

    /// Types `text` into the focused field, as a person would (xdotool's default delay between keys).
    func type(_ text: String) throws {
        let result = try xdotool(["type", text])
        guard result.status == 0 else { throw XDisplayError(message: "xdotool type failed: \(result.output)") }
    }

    /// Resizes the terminal's window to `columns` x `rows` cells (xdotool sizes the X window in pixels).
    func resize(columns: Int, rows: Int) throws {
        let window = try xdotool(["search", "--onlyvisible", "--name", "."])
        guard let id = window.standardOutput.split(separator: "\n").first else { throw XDisplayError(message: "no terminal window found") }
        _ = try xdotool(["windowsize", String(id), "\(columns * cell.width)", "\(rows * cell.height)"])
        (self.columns, self.rows) = (columns, rows)
    }

    func screenshot() throws -> RGBAImage {
        shots += 1
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("darkroom-app-\(label)-\(shots).png").path
        lastScreenshot = path
        return try display.screenshot(to: path)
    }
    private(set) var lastScreenshot = ""

    /// The preview's picture box in screen pixels, from the app's own layout for the current size.
    func previewBox(fullScreen: Bool = false) -> ScreenScore.Rectangle {
        pixels(Layout(width: columns, height: rows).previewPictureArea(fullScreen: fullScreen))
    }

    func pixels(_ area: Rect) -> ScreenScore.Rectangle {
        ScreenScore.Rectangle(x: area.x * cell.width, y: area.y * cell.height, width: area.width * cell.width, height: area.height * cell.height)
    }

    /// The picture inside `box` (the box's black margin trimmed) scored against `source`; 1 when nothing is drawn there.
    static func score(_ screen: RGBAImage, box: ScreenScore.Rectangle, source: RGBAImage) -> Double {
        let crop = ScreenScore.crop(screen, box)
        guard let found = ScreenScore.pictureRectangle(in: crop) else { return 1 }
        return ScreenScore.score(screen: crop, rectangle: found, source: source)
    }

    /// Screenshots until `condition` holds for the box's score (terminals start slowly under load); the last score.
    @discardableResult
    func waitForScore(in box: ScreenScore.Rectangle, against source: RGBAImage, seconds: Double = 30,
                      _ condition: (Double) -> Bool) throws -> Double {
        let deadline = Date().addingTimeInterval(seconds)
        var score = 1.0
        repeat {
            Thread.sleep(forTimeInterval: 0.5)
            score = Self.score(try screenshot(), box: box, source: source)
            if condition(score) { break }
        } while Date() < deadline
        return score
    }

    var standardError: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }
}
