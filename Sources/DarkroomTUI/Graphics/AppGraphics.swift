import DarkroomTerminal
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The app's pictures in pixels (kitty, sixel, iTerm2), for the UI loop: what each frame erases, repaints and
/// draws (`PixelScheduler` over `PixelPlan`), the encodings it runs in the background, and the cell size, re-read
/// when the window changes. Only the UI thread uses it.
public final class AppGraphics {
    public private(set) var scheduler: PixelScheduler
    private let encoding: PixelEncoding
    private let tmux: Bool
    /// The cell size the kernel's window size gave at the start, to tell a font change from a window resize.
    private var kernelCell: PixelSize?
    /// Whether the selection's neighbours are encoded ahead while idle (`DARKROOM_PIXELS_AHEAD=0` turns it off:
    /// less CPU on a slow machine, and the bench's measure of a selection change that must encode).
    private let encodesAhead: Bool

    /// `cellPixels` is the probe's (the terminal's own answer when it gave one, which is exact).
    public init(capabilities: TerminalCapabilities, encoder: any GraphicsEncoder, cellPixels: PixelSize, services: AppServices,
                inbox: ActionInbox, encodesAhead: Bool = ProcessInfo.processInfo.environment["DARKROOM_PIXELS_AHEAD"] != "0") {
        tmux = capabilities.tmux
        self.encodesAhead = encodesAhead
        scheduler = PixelScheduler(encoder: encoder, cellPixels: cellPixels,
                                   paneOrigin: capabilities.tmux ? TmuxPassthrough.paneOrigin() ?? (0, 0) : nil)
        encoding = PixelEncoding(services: services, encoder: encoder, inbox: inbox)
        kernelCell = Self.kernelCellSize()
    }

    /// The graphics for the frame showing `state`, and the cells the pictures cover (left blank in the frame).
    public func frame(for state: AppState, now: Date = Date()) -> (graphics: GraphicsFrame, covered: [Rect]) {
        let (graphics, request) = scheduler.frame(for: PixelPlan.wanted(state), ahead: encodesAhead ? PixelPlan.neighbours(state) : [], now: now)
        if let request { encoding.start(request) }
        return (graphics, scheduler.covered)
    }

    public func received(_ result: PixelResult) {
        scheduler.received(result)
    }

    public func nextDeadline(after now: Date) -> Date? {
        scheduler.nextDeadline(after: now)
    }

    /// Before the screen is cleared or handed over: what deletes the pictures.
    public func leaveScreen() -> [UInt8] {
        scheduler.leaveScreen()
    }

    /// After SIGWINCH: the cell size again from the kernel's window size in pixels (the only source that cannot
    /// mix with key input mid-session; a `CSI 16 t` reply would arrive among the keys), taken only when it
    /// changed since the start (a font change), since the terminal's own startup answer is more exact (kitty's
    /// window pixels include its padding). Without window pixels the startup size stays.
    public func terminalResized() {
        if tmux { scheduler.paneOrigin = TmuxPassthrough.paneOrigin() ?? (0, 0) }
        guard let now = Self.kernelCellSize(), Self.fontChanged(from: kernelCell, to: now) else { return }
        kernelCell = now
        scheduler.cellPixels = now
    }

    /// Window pixels over cells rounds differently as a window grows (padding, a partial cell): only a change of
    /// more than a twelfth is a new font.
    static func fontChanged(from old: PixelSize?, to new: PixelSize) -> Bool {
        guard let old else { return false }
        return abs(new.width - old.width) * 12 > old.width || abs(new.height - old.height) * 12 > old.height
    }

    static func kernelCellSize() -> PixelSize? {
        guard let window = TerminalQuery.outputWindowSize(), let pixels = window.pixels,
              pixels.width / window.columns > 0, pixels.height / window.rows > 0 else { return nil }
        return PixelSize(width: pixels.width / window.columns, height: pixels.height / window.rows)
    }
}
