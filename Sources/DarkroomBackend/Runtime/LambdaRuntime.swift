import Foundation

/// The custom-runtime loop (`provided.al2023`): fetch the next event from the Lambda Runtime API, run the
/// handler, post its response — or, when it throws, post an invocation error — and go on with the next.
///
/// See https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html for the calls.
public struct LambdaRuntime<Handler: LambdaEventHandling>: Sendable {
    /// The Runtime API version path every call starts with.
    static var apiVersion: String { "2018-06-01" }

    private let baseURL: String
    private let transport: any LambdaRuntimeTransport
    private let handler: Handler

    /// A runtime for the Runtime API at `runtimeAPI` (the `host:port` in `AWS_LAMBDA_RUNTIME_API`).
    public init(runtimeAPI: String, transport: any LambdaRuntimeTransport, handler: Handler) {
        baseURL = "http://\(runtimeAPI)/\(Self.apiVersion)/runtime"
        self.transport = transport
        self.handler = handler
    }

    /// Serves invocations until the Runtime API fails or refuses a call; only then does it throw.
    public func run() async throws(LambdaRuntimeError) -> Never {
        while true {
            try await serveNextInvocation()
        }
    }

    /// Fetches one event, handles it and reports the outcome.
    public func serveNextInvocation() async throws(LambdaRuntimeError) {
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
        // The AWS SDKs and X-Ray read the current trace from the environment.
        if let traceID = context.traceID {
            setenv("_X_AMZN_TRACE_ID", traceID, 1)
        } else {
            unsetenv("_X_AMZN_TRACE_ID")
        }

        let outcome: Result<[UInt8], any Error>
        do {
            outcome = .success(try await handler.handle(event: next.body, context: context))
        } catch {
            outcome = .failure(error)
        }
        let escapedID = requestID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? requestID
        switch outcome {
        case .success(let response):
            _ = try await call("response", method: "POST", path: "/invocation/\(escapedID)/response", body: response)
        case .failure(let error):
            let report = LambdaErrorReport(error)
            _ = try await call(
                "invocation error", method: "POST", path: "/invocation/\(escapedID)/error",
                headers: ["Lambda-Runtime-Function-Error-Type": report.errorType], body: report.json()
            )
        }
    }

    /// Tells Lambda the function could not start (bad configuration); Lambda then fails the pending invocation.
    public func reportInitializationError(_ error: any Error) async throws(LambdaRuntimeError) {
        let report = LambdaErrorReport(error)
        _ = try await call(
            "init error", method: "POST", path: "/init/error",
            headers: ["Lambda-Runtime-Function-Error-Type": report.errorType], body: report.json()
        )
    }

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
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Strings always encode; an empty document would still be a valid error report.
        return [UInt8]((try? encoder.encode(self)) ?? Data("{}".utf8))
    }
}
