import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Loopback sockets for the tests, bound in this one place: free TCP ports on 127.0.0.1 for peers the
/// tests start (moto_server, the local stack), refusing ports, and listeners (`LoopbackHTTPServer`).
public enum LoopbackPort {
    /// Asks the kernel for an unused loopback port by binding port 0 and reading the port back.
    public static func free() throws -> Int {
        let (descriptor, port) = try bindEphemeral()
        close(descriptor)
        return port
    }

    /// Runs `body` with a loopback port that refuses every connection until `body` returns.
    ///
    /// A port merely found free can be taken by another test's server before a request reaches it (tests
    /// run in parallel), and that server would answer. This one stays bound, never listening, so the
    /// kernel refuses connections to it and nothing else can take it meanwhile.
    @discardableResult
    public static func withRefusingPort<Result>(_ body: (Int) async throws -> Result) async throws -> Result {
        let (descriptor, port) = try bindEphemeral()
        defer { close(descriptor) }
        return try await body(port)
    }

    /// A socket listening on an ephemeral loopback port, and the port.
    static func listening() throws -> (descriptor: Int32, port: Int) {
        let (descriptor, port) = try bindEphemeral()
        guard listen(descriptor, 64) == 0 else {
            let failure = errno
            close(descriptor)
            throw LoopbackPortError.listen(failure)
        }
        return (descriptor, port)
    }

    private static func bindEphemeral() throws -> (descriptor: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackPortError.socket(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = bound == 0 && withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        } == 0
        guard named else {
            let failure = errno
            close(fd)
            throw LoopbackPortError.bind(failure)
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}

/// Why no free loopback port could be found, or a loopback connection made (errno values).
public enum LoopbackPortError: Error {
    case socket(Int32)
    case bind(Int32)
    case listen(Int32)
    case connect(Int32)
}
