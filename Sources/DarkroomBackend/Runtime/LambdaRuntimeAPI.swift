import DarkroomCore
import DarkroomAWS
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The four calls of the Lambda Runtime API (`next`, `response`, invocation `error`, `init/error`).
///
/// See https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html.
public struct LambdaRuntimeAPI: Sendable {
    /// The API version path every call starts with.
    static let version = "2018-06-01"

    private let baseURL: String
    private let transport: any LambdaRuntimeTransport

    /// The Runtime API at `address` (the `host:port` in `AWS_LAMBDA_RUNTIME_API`).
    public init(address: String, transport: any LambdaRuntimeTransport) {
        baseURL = "http://\(address)/\(Self.version)/runtime"
        self.transport = transport
    }

    /// Waits for the next event; returns it with the invocation's context.
    public func nextInvocation() async throws(LambdaRuntimeError) -> (event: [UInt8], context: LambdaInvocationContext) {
        let next = try await call("next", method: "GET", path: "/invocation/next", body: [])
        guard let requestID = next.headers["lambda-runtime-aws-request-id"], !requestID.isEmpty else {
            throw .missingRequestID
        }
        let context = LambdaInvocationContext(
            requestID: requestID,
            deadlineMilliseconds: next.headers["lambda-runtime-deadline-ms"].flatMap { Int64($0) },
            invokedFunctionARN: next.headers["lambda-runtime-invoked-function-arn"],
            traceID: next.headers["lambda-runtime-trace-id"]
        )
        return (next.body, context)
    }

    /// Answers the invocation `requestID` with `body`.
    public func respond(to requestID: String, with body: [UInt8]) async throws(LambdaRuntimeError) {
        try await call("response", method: "POST", path: "/invocation/\(Self.escaped(requestID))/response", body: body)
    }

    /// Reports that the handler failed on the invocation `requestID`.
    public func reportInvocationError(_ error: any Error, for requestID: String) async throws(LambdaRuntimeError) {
        try await report(error, call: "invocation error", path: "/invocation/\(Self.escaped(requestID))/error")
    }

    /// Reports that the function could not start (bad configuration); Lambda then fails the pending invocation.
    public func reportInitializationError(_ error: any Error) async throws(LambdaRuntimeError) {
        try await report(error, call: "init error", path: "/init/error")
    }

    private func report(_ error: any Error, call name: String, path: String) async throws(LambdaRuntimeError) {
        let report = LambdaErrorReport(error)
        try await call(name, method: "POST", path: path, headers: ["Lambda-Runtime-Function-Error-Type": report.errorType], body: report.json())
    }

    @discardableResult
    private func call(
        _ name: String, method: String, path: String, headers: [String: String] = [:], body: [UInt8]
    ) async throws(LambdaRuntimeError) -> BackendResponse {
        var headers = headers
        if method == "POST" { headers["Content-Type"] = "application/json" }
        let exchange = try await transport.send(method: method, url: baseURL + path, headers: headers, body: body)
        guard (200..<300).contains(exchange.status) else {
            throw .unexpectedStatus(call: name, status: exchange.status)
        }
        return exchange
    }

    private static func escaped(_ requestID: String) -> String {
        PercentEncoding.encode(requestID)
    }
}

/// The error document the Runtime API takes for invocation and init errors.
struct LambdaErrorReport: Codable, Equatable {
    var errorMessage: String
    var errorType: String
    var stackTrace: [String]

    init(_ error: any Error) {
        errorMessage = String(describing: error)
        errorType = String(describing: type(of: error))
        stackTrace = []
    }

    func json() -> [UInt8] {
        // Strings always encode; an empty document would still be a valid error report.
        CanonicalJSON.encode(self) ?? Array("{}".utf8)
    }
}
