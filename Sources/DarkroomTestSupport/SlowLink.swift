import DarkroomThreads
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A TCP relay on loopback that holds every byte for a fixed time in each direction: a long network round trip
/// between a client and a server on this machine (the app used over SSH from the other side of the world).
///
/// ```swift
/// let link = try SlowLink.start(to: sshd.port, delay: .milliseconds(600))   // 1.2 s round trip
/// defer { link.stop() }
/// // connect to link.port instead of sshd.port
/// ```
///
/// Bytes keep their order and are never merged into a later arrival's time; a closed side is closed on the other
/// once the bytes before it have been delivered.
public final class SlowLink: Sendable {
    /// The loopback port clients connect to.
    public let port: Int
    private let listener: Int32

    private init(port: Int, listener: Int32) {
        self.port = port
        self.listener = listener
    }

    /// Listens on a free loopback port and relays each connection to 127.0.0.1:`targetPort`, `delay` each way.
    public static func start(to targetPort: Int, delay: Duration) throws -> SlowLink {
        let (listener, port) = try LoopbackPort.listening()
        let link = SlowLink(port: port, listener: listener)
        guard DetachedThread.start({ link.acceptConnections(targetPort: targetPort, delay: delay) }) else {
            close(listener)
            throw SlowLinkError(description: "No thread could be started for the relay.")
        }
        return link
    }

    /// Stops accepting; connections already relayed end when their peers close them.
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptConnections(targetPort: Int, delay: Duration) {
        defer { close(listener) }
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                return
            }
            guard let server = try? LoopbackSocket(port: targetPort) else {
                close(client)
                continue
            }
            let connection = Connection(client: client, server: dup(server.descriptor))
            Self.relay(from: connection.client, to: connection.server, delay: delay, ended: connection.directionEnded)
            Self.relay(from: connection.server, to: connection.client, delay: delay, ended: connection.directionEnded)
        }
    }

    /// Both ends of one relayed connection, closed when both directions have ended (not before: a descriptor
    /// closed while the other direction still used it could be reused by anything else in the process).
    private final class Connection: Sendable {
        let client: Int32
        let server: Int32
        private let openDirections = Atomic<Int>(2)

        init(client: Int32, server: Int32) {
            self.client = client
            self.server = server
        }

        @Sendable func directionEnded() {
            guard openDirections.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 else { return }
            close(client)
            close(server)
        }
    }

    /// One direction: a reader stamps each chunk with the time it may leave, a writer delivers it then.
    private static func relay(from source: Int32, to destination: Int32, delay: Duration, ended: @escaping @Sendable () -> Void) {
        let queue = Mutex<[(due: ContinuousClock.Instant, bytes: [UInt8])]>([])
        let arrived = DispatchSemaphore(value: 0)
        let readerDone = DispatchSemaphore(value: 0)
        _ = DetachedThread.start {
            defer { readerDone.signal() }
            var buffer = [UInt8](repeating: 0, count: 16 << 10)
            while true {
                let count = read(source, &buffer, buffer.count)
                if count < 0, errno == EINTR { continue }
                // An empty chunk marks the end: the writer passes the close on after the bytes before it.
                let chunk = count > 0 ? Array(buffer[0..<count]) : []
                queue.withLock { $0.append((ContinuousClock.now + delay, chunk)) }
                arrived.signal()
                if count <= 0 { return }
            }
        }
        _ = DetachedThread.start {
            defer {
                readerDone.wait()
                ended()
            }
            while true {
                arrived.wait()
                guard let next = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
                let wait = next.due - ContinuousClock.now
                if wait > .zero { Thread.sleep(forTimeInterval: Double(wait.components.seconds) + Double(wait.components.attoseconds) * 1e-18) }
                guard !next.bytes.isEmpty, writeAll(next.bytes, to: destination) else {
                    shutdown(destination, Int32(SHUT_WR))
                    shutdown(source, Int32(SHUT_RD))
                    return
                }
            }
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}

/// Why the relay could not start.
public struct SlowLinkError: Error, CustomStringConvertible {
    public let description: String
}
