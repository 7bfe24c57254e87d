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
    /// `CSI 16 t` (cell size in pixels) and DA1 last: every terminal answers DA1, and answers in order, so
    /// its reply means every other reply that will ever come has come. Inside tmux the kitty query and a
    /// second XTVERSION go through passthrough to the outer terminal (tmux answers the plain ones itself).
    public static func batch(insideTmux: Bool) -> [UInt8] {
        let version = Array("\u{1B}[>0q".utf8)
        let kitty = Array("\u{1B}_Gi=\(kittyQueryID),s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\".utf8)
        let cellSize = Array("\u{1B}[16t".utf8)
        let attributes = Array("\u{1B}[c".utf8)
        if insideTmux {
            return version + TmuxPassthrough.wrap(version) + TmuxPassthrough.wrap(kitty) + cellSize + attributes
        }
        return version + kitty + cellSize + attributes
    }

    /// Sends `query` to the terminal on `descriptor` and reads the replies until DA1 arrives or `deadline`
    /// passes. The terminal is put in non-canonical, no-echo mode for the exchange, so nothing shows and no
    /// reply reaches the shell or the app's key input; on a timeout, late bytes still in the queue are discarded.
    /// Returns nil when `descriptor` is not a terminal.
    public static func exchange(_ query: [UInt8], descriptor: Int32, deadline: Duration = .milliseconds(500)) -> TerminalReplies? {
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
        defer { tcsetattr(descriptor, TCSANOW, &saved) }

        guard writeAll(query, to: descriptor) else { return nil }
        var received: [UInt8] = []
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: deadline)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let remaining = clock.now.duration(to: end)
            guard remaining > .zero else { break }
            let milliseconds = Int32(max(1, remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000))
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 { break }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            received += buffer[0..<count]
            let parsed = TerminalReplies.parse(received)
            if parsed.isComplete && !parsed.endsInsideSequence { return parsed }
        }
        // No DA1 in time: the terminal is slow or deaf. Whatever it sends late must not become keystrokes.
        tcflush(descriptor, TCIFLUSH)
        return TerminalReplies.parse(received)
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += result
        }
        return true
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
