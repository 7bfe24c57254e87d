/// When and how long to retry, as the AWS SDKs' standard retry mode.
public struct RetryPolicy: Sendable, Equatable {
    /// Total attempts, the first included.
    public var maxAttempts: Int
    /// The backoff unit: before retry n the client waits random(0…1) × base × 2^(n-1), capped at `maxDelay`.
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// Whether to send again only what the server certainly did not act on: a connection it refused, and 429 Too
    /// Many Requests. For a request that is not idempotent (a generation through the API, which stores an image and
    /// is paid for), a 5xx, a timeout or a dropped connection may come after the work was done: API Gateway answers
    /// 504 at 29 s while the function goes on and stores its image.
    public var onlyUnprocessed: Bool

    public init(maxAttempts: Int = 3, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(20), onlyUnprocessed: Bool = false) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.onlyUnprocessed = onlyUnprocessed
    }

    /// Standard mode: 3 attempts, exponential backoff with full jitter, at most 20 s between attempts.
    public static let standard = RetryPolicy()
    /// Standard mode for requests that must not run twice (see `onlyUnprocessed`).
    public static let unprocessedOnly = RetryPolicy(onlyUnprocessed: true)
    /// A single attempt.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// HTTP statuses that are retried whatever the body says.
    static let retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]
    /// Error codes that mean "slow down" or "try again" (the SDKs' throttling and transient lists).
    static let retryableErrorCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
        "RequestTimeout", "RequestTimeoutException", "InternalError", "ServiceUnavailableException",
    ]

    /// Why `response` should be retried, or nil when it is final (success or a validation error).
    public func retryReason(for response: HTTPResponse) -> String? {
        guard response.status >= 400 else { return nil }
        let code = response.awsErrorCode
        if onlyUnprocessed {
            return response.status == 429 ? "HTTP 429" + (code.map { " \($0)" } ?? "") : nil
        }
        if let code, Self.retryableErrorCodes.contains(code) {
            return "HTTP \(response.status) \(code)"
        }
        if Self.retryableStatuses.contains(response.status) {
            return "HTTP \(response.status)" + (code.map { " \($0)" } ?? "")
        }
        return nil
    }

    /// Why a transfer that failed below HTTP should be tried again, or nil when it is final: a refused connection
    /// always, a timeout or a dropped connection only when the request may run twice.
    func retryReason(for failure: CurlTransfer.Failure) -> String? {
        guard failure.retryable, !onlyUnprocessed || failure == .cannotConnect else { return nil }
        return failure.reason
    }

    /// The wait before the attempt after `failedAttempt`, given a jitter factor in 0…1.
    public func delay(afterAttempt failedAttempt: Int, jitter: Double) -> Duration {
        let exponential = baseDelay * (1 << min(failedAttempt - 1, 20))
        let capped = min(exponential, maxDelay)
        return capped * min(max(jitter, 0), 1)
    }
}
