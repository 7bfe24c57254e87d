/// What the Lambda runtime loop runs for each invocation: event bytes in, response bytes out.
///
/// A thrown error is reported to Lambda as an invocation error and the loop takes the next event.
public protocol LambdaEventHandling: Sendable {
    /// Handles one event (the JSON Lambda delivered) and returns the JSON to answer with.
    func handle(event: [UInt8], context: LambdaInvocationContext) async throws -> [UInt8]
}

/// The facts Lambda gives about one invocation, from the Runtime API's `next` response headers.
public struct LambdaInvocationContext: Sendable, Equatable {
    /// `Lambda-Runtime-Aws-Request-Id`: names the invocation in the response and error calls.
    public var requestID: String
    /// `Lambda-Runtime-Deadline-Ms`: when Lambda stops the function, in milliseconds since the Unix epoch.
    public var deadlineMilliseconds: Int64?
    /// `Lambda-Runtime-Invoked-Function-Arn`: the function (and alias or version) that was invoked.
    public var invokedFunctionARN: String?
    /// `Lambda-Runtime-Trace-Id`: the X-Ray trace header, also exported as `_X_AMZN_TRACE_ID` (`LambdaTrace`).
    public var traceID: String?

    public init(requestID: String, deadlineMilliseconds: Int64? = nil, invokedFunctionARN: String? = nil, traceID: String? = nil) {
        self.requestID = requestID
        self.deadlineMilliseconds = deadlineMilliseconds
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
    }
}
