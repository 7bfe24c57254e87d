import Foundation
import DarkroomImaging
import DarkroomTUI
/// A terminal without a terminal: records every presented frame and replays scripted input.
///
/// Tests drive the real UI loop with it and check screens as text (`lastFrame?.lines`); the bench uses it
/// to time frames without terminal output.
public final class RecordingTerminal: TerminalScreen {
    public var size: (width: Int, height: Int)
    public let colorMode: ColorMode
    public let isUnicode: Bool
    /// Every frame presented, oldest first.
    public private(set) var frames: [CellBuffer] = []
    /// Input still to be delivered, in order.
    public var scriptedInput: [InputEvent] = []
    /// Everything written with `writePassThrough`.
    public private(set) var passThrough: [[UInt8]] = []

    public init(width: Int, height: Int, colorMode: ColorMode = .xterm256, isUnicode: Bool = true) {
        size = (width, height)
        self.colorMode = colorMode
        self.isUnicode = isUnicode
    }

    public var lastFrame: CellBuffer? { frames.last }

    public func present(_ frame: CellBuffer) {
        frames.append(frame)
    }

    public func nextInput(timeoutMilliseconds: Int) -> InputEvent? {
        guard !scriptedInput.isEmpty else {
            // Wait a little like a real terminal would, so loops driven by this terminal do not spin.
            if timeoutMilliseconds > 0 { usleep(UInt32(min(timeoutMilliseconds, 5)) * 1000) }
            return nil
        }
        let event = scriptedInput.removeFirst()
        if case .resize(let width, let height) = event { size = (width, height) }
        return event
    }

    public func writePassThrough(_ bytes: [UInt8]) {
        passThrough.append(bytes)
    }

    /// How many times the terminal was handed to another program.
    public private(set) var suspensions = 0

    public func suspend() {
        suspensions += 1
    }

    public func resume() {}
}
