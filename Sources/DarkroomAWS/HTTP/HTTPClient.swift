import DarkroomThreads
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An async HTTP client over libcurl with connection reuse, timeouts, cancellation and the AWS SDKs'
/// standard retry behaviour.
///
/// Every attempt runs on the process's one libcurl multi handle, driven by a thread of its own, with a pooled
/// easy handle: the Swift concurrency pool is never blocked and a stalled transfer holds up no other. Error statuses come back as responses; after the last
/// attempt a retryable status is returned too, so service clients can map it (for example to `SlowDown`).
public final class HTTPClient: Sendable {
    /// A client configured from the process environment.
    public static let shared = HTTPClient()

    private let pool: CurlHandlePool
    private let settings: CurlTransfer.Settings

    /// Reads `HTTPS_PROXY`/`https_proxy`, `HTTP_PROXY`/`http_proxy`, `NO_PROXY`/`no_proxy`, and the CA
    /// bundle from `AWS_CA_BUNDLE` or `SSL_CERT_FILE` (see `CertificateAuthorities`).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, maxIdleConnections: Int = 8) {
        func value(_ names: String...) -> String? {
            names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
        settings = CurlTransfer.Settings(
            httpProxy: value("HTTP_PROXY", "http_proxy"),
            httpsProxy: value("HTTPS_PROXY", "https_proxy"),
            noProxy: value("NO_PROXY", "no_proxy"),
            caBundle: CertificateAuthorities.bundle(environment: environment))
        pool = CurlHandlePool(capacity: maxIdleConnections)
    }

    /// Sends `request`, retrying connection errors, timeouts, 429/500/502/503/504 and throttling codes
    /// per `retry` (only refused connections and 429 when `retry.onlyUnprocessed`); `onRetry` hears about each retry
    /// before the wait.
    public func send(
        _ request: HTTPRequest, timeouts: HTTPTimeouts = .standard, retry: RetryPolicy = .standard,
        onRetry: (@Sendable (RetryEvent) -> Void)? = nil
    ) async throws(HTTPClientError) -> HTTPResponse {
        guard let parts = request.components else { throw .invalidURL(request.url) }
        var attempt = 1
        while true {
            let outcome = await performOnce(request, timeouts: timeouts)
            let reason: String
            switch outcome {
            case .success(let response):
                guard let retryReason = retry.retryReason(for: response), attempt < retry.maxAttempts else {
                    return response
                }
                reason = retryReason
            case .failure(let failure):
                guard let retryReason = retry.retryReason(for: failure), attempt < retry.maxAttempts else {
                    throw Self.error(for: failure, host: parts.authority, attempts: attempt)
                }
                reason = retryReason
            }
            let delay = retry.delay(afterAttempt: attempt, jitter: Double.random(in: 0...1))
            onRetry?(RetryEvent(attempt: attempt, maxAttempts: retry.maxAttempts, reason: reason, delay: delay))
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw .cancelled
            }
            attempt += 1
        }
    }

    /// One attempt on the process's libcurl multi handle (see `CurlMulti`); cancelling the task removes the
    /// transfer at once.
    private func performOnce(_ request: HTTPRequest, timeouts: HTTPTimeouts) async -> Result<HTTPResponse, CurlTransfer.Failure> {
        let transfer = CurlTransfer(request: request, timeouts: timeouts, settings: settings, cancellation: CancellationFlag())
        return await CurlMulti.shared.perform(transfer, pool: pool)
    }

    private static func error(for failure: CurlTransfer.Failure, host: String, attempts: Int) -> HTTPClientError {
        switch failure {
        case .cannotConnect: return .cannotConnect(host: host, attempts: attempts)
        case .timedOut: return .timedOut(host: host, attempts: attempts)
        case .connectionLost: return .connectionLost(host: host, attempts: attempts)
        case .tls(let detail): return .tlsFailure(host: host, detail: detail)
        case .cancelled: return .cancelled
        case .other(let detail): return .transport(host: host, detail: detail, attempts: attempts)
        }
    }
}
