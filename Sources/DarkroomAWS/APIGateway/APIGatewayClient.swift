#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The deployed API (`POST {endpoint}/image-generation`): unsigned, with an `x-api-key`, or SigV4-signed
/// for `execute-api`.
public struct APIGatewayClient: Sendable {
    public enum Authorization: Sendable {
        case none
        case apiKey(String)
        case iam(AWSConfiguration)
    }

    /// The stage URL, for example `https://abc123.execute-api.us-east-1.amazonaws.com/prod`.
    public let endpoint: String
    public let authorization: Authorization
    public let http: HTTPClient
    public var timeouts: HTTPTimeouts
    public var retry: RetryPolicy

    /// - Parameter retry: by default a generation is sent again only when it cannot have run (`unprocessedOnly`):
    ///   after a 504 or a dropped connection the function may go on to store an image, and a second one is paid for.
    public init(endpoint: String, authorization: Authorization = .none, http: HTTPClient = .shared,
                timeouts: HTTPTimeouts = .bedrock, retry: RetryPolicy = .unprocessedOnly) {
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.authorization = authorization
        self.http = http
        self.timeouts = timeouts
        self.retry = retry
    }

    /// Posts `json` and returns the 2xx status and body as sent; error statuses throw with their body.
    public func post(
        path: String = "/image-generation", json: [UInt8], onRetry: (@Sendable (RetryEvent) -> Void)? = nil
    ) async throws(APIGatewayError) -> (status: Int, body: [UInt8]) {
        var request = HTTPRequest(
            method: "POST", url: endpoint + (path.hasPrefix("/") ? path : "/" + path),
            headers: ["Content-Type": "application/json", "Accept": "application/json"], body: json)
        let response: HTTPResponse
        do {
            switch authorization {
            case .none:
                break
            case .apiKey(let key):
                request.headers["x-api-key"] = key
            case .iam(let configuration):
                let signer = SigV4Signer(credentials: configuration.credentials, region: configuration.region,
                                         service: AWSService.executeAPI.signingName, pathRules: .standard)
                request = try request.signed(with: signer, date: Date())
            }
            response = try await http.send(request, timeouts: timeouts, retry: retry, onRetry: onRetry)
        } catch {
            throw .transport(error)
        }
        guard (200..<300).contains(response.status) else { throw .failed(status: response.status, body: response.body) }
        return (response.status, response.body)
    }
}
