import DarkroomCore

/// Runs Lambda events from API Gateway (REST v1, HTTP API v2), function URLs and direct invocations
/// through a `RequestHandling` — in `bootstrap`, the image-generation handler.
public struct GatewayEventHandler<Handler: RequestHandling>: LambdaEventHandling {
    private let handler: Handler

    public init(_ handler: Handler) {
        self.handler = handler
    }

    /// Decodes the event, handles the request, and encodes the response for the front door that asked.
    /// An event that cannot be decoded is thrown, so Lambda records an invocation error, and so is an asynchronous
    /// job that failed: answered, it would count as done, and Lambda would neither retry it nor dead-letter it.
    public func handle(event: [UInt8], context: LambdaInvocationContext) async throws -> [UInt8] {
        let (request, kind) = try LambdaEvent.decode(event)
        let response = await handler.handle(request)
        if kind == .asyncJob, !(200..<300).contains(response.status) {
            throw AsyncJobFailure(response)
        }
        return LambdaEvent.encode(response, for: kind)
    }
}

/// An asynchronous job's failure, reported to Lambda as an invocation error: its message is what the dead-letter
/// queue's `ErrorMessage` attribute and `darkroom dead-letters` show.
public struct AsyncJobFailure: Error, Equatable, CustomStringConvertible {
    /// The status the job's request would have been answered with.
    public var status: Int
    /// The handler's `error` sentence, or the body's text when it has none.
    public var message: String

    init(_ response: BackendResponse) {
        status = response.status
        let body = JSONValue.parse(response.body)
        message = body?["error"]?.string ?? String(decoding: response.body, as: UTF8.self)
    }

    public var description: String { "The asynchronous job failed (HTTP \(status)): \(message)" }
}
