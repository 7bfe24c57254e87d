/// Why the local stack could not start.
public enum LocalStackError: Error, CustomStringConvertible {
    /// The server could not listen on the address (port taken, address not local, no permission).
    case cannotListen(host: String, port: Int, reason: String)
    /// The bucket folder could not be created or opened.
    case bucketUnavailable(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotListen(let host, let port, let reason):
            return "The local stack could not listen on \(host):\(port) (\(reason)); pick another port with --port, or 0 for any free one."
        case .bucketUnavailable(let path, let reason):
            return "The local bucket folder \(path) could not be opened (\(reason)); choose another folder with --data."
        }
    }
}
