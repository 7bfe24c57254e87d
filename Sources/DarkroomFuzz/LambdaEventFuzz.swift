@testable import DarkroomBackend

/// Lambda events (API Gateway v1 and v2, function URLs, direct invocations) and the proxy result written back.
enum LambdaEventFuzz {
    static func run(_ bytes: [UInt8]) {
        guard let (request, kind) = try? LambdaEvent.decode(bytes) else { return }
        FuzzCheck.require(request.headers[LambdaEvent.directInvocationHeader] == nil || kind == .direct || kind == .asyncJob,
                          "only a direct invocation carries the internal header")
        let response = BackendResponse(status: 200, headers: ["content-type": "application/json"], body: request.body)
        let encoded = LambdaEvent.encode(response, for: kind)
        FuzzCheck.require((try? JSONParser.parse(encoded))?.object != nil, "the proxy result is a JSON object")
    }
}
