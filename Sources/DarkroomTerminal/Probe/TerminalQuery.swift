import DarkroomCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one query batch the probe sends, and the terminal I/O that sends it and collects the replies.
public enum TerminalQuery {
    /// The image id of the kitty query; its answer names it, so other graphics replies are not mistaken for it.
    public static let kittyQueryID = 31

    /// XTVERSION, a kitty graphics query (a 1x1 RGB image sent directly, `a=q`: checked, never stored),
    /// `CSI 16 t` (cell size in pixels), with `askingBackground` `OSC 11 ; ?` (the default background colour, which
    /// transparent pixels and colourless pictures are drawn against), and DA1 last: every terminal answers DA1, and
    /// answers in order, so its reply means every other reply that will ever come has come. Inside tmux the kitty
    /// query and a second XTVERSION go through passthrough to the outer terminal (tmux answers the plain ones itself).
    public static func batch(insideTmux: Bool, askingBackground: Bool = true) -> [UInt8] {
        let version = Array("\u{1B}[>0q".utf8)
        let kitty = Array("\u{1B}_Gi=\(kittyQueryID),s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\".utf8)
        let cellSize = Array("\u{1B}[16t".utf8)
        let background = askingBackground ? Array("\u{1B}]11;?\u{1B}\\".utf8) : []
        let attributes = Array("\u{1B}[c".utf8)
        if insideTmux {
            return version + TmuxPassthrough.wrap(version) + TmuxPassthrough.wrap(kitty) + cellSize + background + attributes
        }
        return version + kitty + cellSize + background + attributes
    }

    /// Sends `query` to the terminal on `descriptor` and reads the replies until DA1 arrives or `deadline`
    /// passes. The terminal is put in non-canonical, no-echo mode for the exchange, so nothing shows and no
    /// reply reaches the shell or the app's key input. On a timeout the terminal stays so, with the descriptor
    /// kept open, until `finishLateReplies` (the replies of a slow terminal, over SSH say, are still on their
    /// way and would otherwise be echoed or typed). Returns nil when `descriptor` is not a terminal.
    public static func exchange(_ query: [UInt8], descriptor: Int32, deadline: Duration) -> TerminalReplies? {
        guard isatty(descriptor) == 1 else { return nil }
        var saved = termios()
        guard tcgetattr(descriptor, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(descriptor, TCSANOW, &raw) == 0 else { return nil }
        guard FileSystem.writeAll(query, to: descriptor) == nil else {
            tcsetattr(descriptor, TCSANOW, &saved)
            return nil
        }
        let received = readReplies(from: descriptor, until: ContinuousClock.now.advanced(by: deadline), after: [])
        let replies = TerminalReplies.parse(received)
        // The replies still owed are read off later through a descriptor of their own (the caller closes this
        // one); if none can be had, the terminal gets its settings back now rather than never.
        let kept = replies.isComplete ? -1 : dup(descriptor)
        if kept >= 0 {
            LateReplies.expect(descriptor: kept, saved: saved, received: received)
        } else {
            tcsetattr(descriptor, TCSANOW, &saved)
        }
        return replies
    }

    /// After an exchange that timed out: waits up to `wait` for the terminal's outstanding replies (until DA1),
    /// discards them and whatever else is queued, and gives the terminal its settings back. Commands that end
    /// soon (`show`, `doctor`) wait a little; the app waits not at all, and its key decoder drops replies
    /// that come later. Does nothing when no replies are outstanding.
    public static func finishLateReplies(waitingUpTo wait: Duration) {
        LateReplies.finish(waitingUpTo: wait)
    }

    /// Reads what the terminal sends until the bytes so far (starting with `earlier`) hold the DA1 reply or
    /// `end` passes.
    static func readReplies(from descriptor: Int32, until end: ContinuousClock.Instant, after earlier: [UInt8]) -> [UInt8] {
        var received = earlier
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let parsed = TerminalReplies.parse(received)
            if parsed.isComplete && !parsed.endsInsideSequence { return received }
            let remaining = ContinuousClock.now.duration(to: end)
            guard remaining > .zero else { return received }
            let milliseconds = Int32(max(1, remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000))
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                return received
            }
            if ready == 0 { return received }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { return received }
            received += buffer[0..<count]
        }
    }

    /// The window size of standard output's terminal, where the app draws and `show` prints; nil when standard
    /// output is not a terminal.
    public static func outputWindowSize() -> (columns: Int, rows: Int, pixels: PixelSize?)? {
        windowSize(descriptor: STDOUT_FILENO)
    }

    /// The window size the kernel holds for the terminal: cells, and pixels when the terminal reports them.
    public static func windowSize(descriptor: Int32) -> (columns: Int, rows: Int, pixels: PixelSize?)? {
        var size = winsize()
        guard isatty(descriptor) == 1, ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else {
            return nil
        }
        let pixels = size.ws_xpixel > 0 && size.ws_ypixel > 0
            ? PixelSize(width: Int(size.ws_xpixel), height: Int(size.ws_ypixel)) : nil
        return (Int(size.ws_col), Int(size.ws_row), pixels)
    }
}
