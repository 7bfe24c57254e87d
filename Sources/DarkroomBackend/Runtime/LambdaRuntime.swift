#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import DarkroomCore

/// The custom-runtime loop (`provided.al2023`): fetch the next event from the Lambda Runtime API, run the
/// handler, post its response — or, when it throws, post an invocation error — and go on with the next.
public struct LambdaRuntime<Handler: LambdaEventHandling>: Sendable {
    private let api: LambdaRuntimeAPI
    private let handler: Handler
    private let exportTrace: @Sendable (String?) -> Void

    /// A runtime taking events from `api` and giving them to `handler`. `exportTrace` is given each invocation's
    /// trace header before the handler runs; the AWS SDKs and X-Ray read it from the environment, where the default
    /// puts it.
    public init(api: LambdaRuntimeAPI, handler: Handler, exportTrace: @escaping @Sendable (String?) -> Void = LambdaTrace.exportToEnvironment) {
        self.api = api
        self.handler = handler
        self.exportTrace = exportTrace
    }

    /// Serves invocations until the Runtime API fails or refuses a call; only then does it throw.
    public func run() async throws(LambdaRuntimeError) -> Never {
        while true {
            try await serveNextInvocation()
        }
    }

    /// Fetches one event, handles it and reports the outcome.
    public func serveNextInvocation() async throws(LambdaRuntimeError) {
        let (event, context) = try await api.nextInvocation()
        exportTrace(context.traceID)
        let response: [UInt8]
        do {
            response = try await handler.handle(event: event, context: context)
        } catch {
            // One line per failure for CloudWatch, which keeps the function's standard error; controls are shown, not
            // sent, since an event's text may carry them.
            StandardStreams.writeError("darkroom: invocation \(context.requestID) failed: \(String(describing: error).escapingControlCharacters())\n")
            try await api.reportInvocationError(error, for: context.requestID)
            return
        }
        try await api.respond(to: context.requestID, with: response)
    }
}

/// Where the Lambda runtime contract puts each invocation's X-Ray trace header.
public enum LambdaTrace {
    /// The variable the AWS SDKs and the X-Ray SDK read the current trace from.
    public static let environmentVariable = "_X_AMZN_TRACE_ID"

    /// Sets the variable to `traceID`, or removes it for an invocation without one.
    ///
    /// Only for a process that runs one invocation at a time and nothing else, as `bootstrap` does: `setenv` may
    /// move the environment while another thread reads it (libcurl reads proxy variables on every transfer), so a
    /// process with other work in flight (a test run) passes its own exporter to `LambdaRuntime`.
    @Sendable public static func exportToEnvironment(_ traceID: String?) {
        if let traceID {
            setenv(environmentVariable, traceID, 1)
        } else {
            unsetenv(environmentVariable)
        }
    }
}
