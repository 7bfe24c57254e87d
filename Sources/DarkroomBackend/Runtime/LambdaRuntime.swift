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

    /// A runtime taking events from `api` and giving them to `handler`.
    public init(api: LambdaRuntimeAPI, handler: Handler) {
        self.api = api
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
        let (event, context) = try await api.nextInvocation()
        // The AWS SDKs and X-Ray read the current trace from the environment.
        if let traceID = context.traceID {
            setenv("_X_AMZN_TRACE_ID", traceID, 1)
        } else {
            unsetenv("_X_AMZN_TRACE_ID")
        }
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
