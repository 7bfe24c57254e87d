/// Why the Lambda runtime loop stopped or could not start.
public enum LambdaRuntimeError: Error, Equatable, CustomStringConvertible {
    /// A required environment variable is unset or empty.
    case missingEnvironment(String)
    /// An environment variable holds a value the function cannot use.
    case invalidEnvironment(name: String, value: String, expected: String)
    /// The Runtime API could not be reached.
    case transport(String)
    /// The Runtime API answered a call with an unexpected status.
    case unexpectedStatus(call: String, status: Int)
    /// The `next` response had no `Lambda-Runtime-Aws-Request-Id` header.
    case missingRequestID

    public var description: String {
        switch self {
        case .missingEnvironment(let name):
            return "The environment variable \(name) is not set; set it in the function's configuration (the SAM template sets it)."
        case .invalidEnvironment(let name, let value, let expected):
            return "The environment variable \(name) is \"\(value)\", but it must be \(expected); fix the function's configuration."
        case .transport(let reason):
            return "The Lambda Runtime API could not be reached (\(reason)); this runs only inside Lambda or against a Runtime API emulator."
        case .unexpectedStatus(let call, let status):
            return "The Lambda Runtime API answered \(call) with HTTP \(status); the invocation is no longer valid, so the runtime stops."
        case .missingRequestID:
            return "The Lambda Runtime API sent an event without a request id; the runtime cannot answer it and stops."
        }
    }
}
