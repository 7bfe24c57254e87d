import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A raw TCP connection to a loopback port, for clients no HTTP library would be: ones that send nothing,
/// send a request head of megabytes, or open a thousand connections at once.
public final class LoopbackSocket: @unchecked Sendable {
    /// The descriptor; -1 once closed.
    public private(set) var descriptor: Int32

    /// Connects to 127.0.0.1:`port` (blocking, as loopback connects are immediate).
    public init(port: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackPortError.socket(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let failure = errno
            Glibc.close(fd)
            throw LoopbackPortError.connect(failure)
        }
        descriptor = fd
    }

    deinit { close() }

    /// Sends all of `bytes` within `timeout`; false when the peer closed the connection (or stopped reading) first.
    /// Waits by sleeping, never by blocking a thread: a server under test may need the cooperative pool to answer.
    @discardableResult
    public func send(_ bytes: [UInt8], timeout: Duration = .seconds(20)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
            }
            if sent > 0 {
                offset += sent
            } else if sent < 0, errno == EAGAIN || errno == EWOULDBLOCK, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(5))
            } else {
                return false
            }
        }
        return true
    }

    /// What arrives until the peer closes the connection or `timeout` passes; `closed` tells which.
    public func readUntilClosed(timeout: Duration) async -> (bytes: [UInt8], closed: Bool) {
        let deadline = ContinuousClock.now + timeout
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while ContinuousClock.now < deadline {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 {
                received += buffer[0..<count]
            } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) {
                return (received, true)  // closed, or reset
            } else {
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        return (received, false)
    }

    public func close() {
        if descriptor >= 0 {
            Glibc.close(descriptor)
            descriptor = -1
        }
    }
}
