#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The part of a client that every AWS JSON-protocol service shares (Bedrock Runtime, SQS): where it sends,
/// with which HTTP client, timeouts and retries, signed with SigV4 for the service under the standard path
/// rules; and the message an error answer carries. The clients add their calls and their error mapping.
public struct AWSJSONService: Sendable {
    public let service: AWSService
    public let configuration: AWSConfiguration
    public let http: HTTPClient
    public var timeouts: HTTPTimeouts
    public var retry: RetryPolicy

    public init(_ service: AWSService, configuration: AWSConfiguration, http: HTTPClient, timeouts: HTTPTimeouts, retry: RetryPolicy) {
        self.service = service
        self.configuration = configuration
        self.http = http
        self.timeouts = timeouts
        self.retry = retry
    }

    /// The service's endpoint (the configuration's override, else AWS's own for the region).
    public var endpoint: String { configuration.endpoint(for: service) }

    /// Signs `request` for the service and sends it with the timeouts and retries; any HTTP status comes back.
    public func send(_ request: HTTPRequest, onRetry: (@Sendable (RetryEvent) -> Void)? = nil) async throws(HTTPClientError) -> HTTPResponse {
        let signer = SigV4Signer(credentials: configuration.credentials, region: configuration.region,
                                 service: service.signingName, pathRules: .standard)
        return try await http.send(request.signed(with: signer, date: Date()), timeouts: timeouts, retry: retry, onRetry: onRetry)
    }

    /// An error answer's message: `{"message": …}`, or `Message` as some front ends write it; nil when the
    /// body is not such JSON.
    public static func errorMessage(in body: [UInt8]) -> String? {
        guard let decoded = try? JSONDecoder().decode(ErrorBody.self, from: Data(body)) else { return nil }
        return decoded.message ?? decoded.Message ?? ""
    }

    private struct ErrorBody: Decodable {
        let message: String?
        let Message: String?
    }
}

/// A client of one AWS JSON-protocol service: built from the configuration with the service's default timeouts,
/// and reading the service's settings (`configuration`, `http`, `timeouts`, `retry`) as its own.
@dynamicMemberLookup
public protocol AWSJSONClient: Sendable {
    /// Which service the client calls.
    static var awsService: AWSService { get }
    /// Timeouts unless the caller gives others (`HTTPTimeouts.standard` unless the client says otherwise).
    static var defaultTimeouts: HTTPTimeouts { get }
    var service: AWSJSONService { get }
    init(service: AWSJSONService)
}

extension AWSJSONClient {
    public static var defaultTimeouts: HTTPTimeouts { .standard }

    public init(configuration: AWSConfiguration, http: HTTPClient = .shared, timeouts: HTTPTimeouts? = nil,
                retry: RetryPolicy = .standard) {
        self.init(service: AWSJSONService(
            Self.awsService, configuration: configuration, http: http, timeouts: timeouts ?? Self.defaultTimeouts, retry: retry))
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<AWSJSONService, Value>) -> Value { service[keyPath: keyPath] }
}
