/// Why the local stack could not start.
public enum LocalStackError: Error, CustomStringConvertible {
    /// The server could not listen on the address (port taken, address not local, no permission).
    case cannotListen(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .cannotListen(let host, let port, let reason):
            return "The local stack could not listen on \(host):\(port) (\(reason)); pick another port with --port, or 0 for any free one."
        }
    }
}
