/// Runs Lambda events from API Gateway (REST v1, HTTP API v2), function URLs and direct invocations
/// through a `RequestHandling` — in `bootstrap`, the image-generation handler.
public struct GatewayEventHandler<Handler: RequestHandling>: LambdaEventHandling {
    private let handler: Handler

    public init(_ handler: Handler) {
        self.handler = handler
    }

    /// Decodes the event, handles the request, and encodes the response for the front door that asked.
    /// An event that cannot be decoded is thrown, so Lambda records an invocation error.
    public func handle(event: [UInt8], context: LambdaInvocationContext) async throws -> [UInt8] {
        let (request, kind) = try LambdaEvent.decode(event)
        return LambdaEvent.encode(await handler.handle(request), for: kind)
    }
}
