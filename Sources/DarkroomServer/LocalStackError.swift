/// Why the local stack could not start.
public enum LocalStackError: Error, CustomStringConvertible {
    /// The server could not listen on the address (port taken, address not local, no permission); `addressIsForeign`
    /// when the host is not an address of this machine, so another port would not help.
    case cannotListen(host: String, port: Int, reason: String, addressIsForeign: Bool = false)
    /// The bucket folder could not be created or opened.
    case bucketUnavailable(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotListen(let host, let port, let reason, addressIsForeign: true):
            return "The local stack could not listen on \(host):\(port) (\(reason)); give --host an address of this machine, such as 127.0.0.1."
        case .cannotListen(let host, let port, let reason, addressIsForeign: false):
            return "The local stack could not listen on \(host):\(port) (\(reason)); pick another port with --port, or 0 for any free one."
        case .bucketUnavailable(let path, let reason):
            return "The local bucket folder \(path) could not be opened (\(reason)); choose another folder with --data."
        }
    }
}
