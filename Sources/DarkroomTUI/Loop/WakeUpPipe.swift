#if canImport(Glibc)
import Glibc
#endif

/// A pipe whose read end the UI loop polls alongside the terminal: writing a byte to it wakes the loop from any
/// thread, or from a signal handler (`write` is async-signal-safe).
final class WakeUpPipe: Sendable {
    /// The end the loop polls.
    let readDescriptor: Int32
    /// The end writers write to; non-blocking, so a full pipe (a wake-up already pending) never blocks a writer.
    let writeDescriptor: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        // A process that cannot make a pipe cannot run the app either; -1 ends make poll ignore them.
        if pipe(&ends) != 0 { ends = [-1, -1] }
        for end in ends where end >= 0 {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = ends[0]
        writeDescriptor = ends[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Wakes the loop, carrying `byte`.
    func wake(_ byte: UInt8 = 0) {
        var value = byte
        _ = write(writeDescriptor, &value, 1)
    }

    /// Every byte written since the last drain, oldest first.
    func drain() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = read(readDescriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        return bytes
    }
}
