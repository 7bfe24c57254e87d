#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A queue URL (`https://sqs.eu-west-1.amazonaws.com/123456789012/name`): where the queue answers and, on AWS,
/// its region. SQS is regional, so a queue is reached at its own URL's host and signed for its own region, whatever
/// region the profile names; a queue in moto or another emulator is reached at its host too.
public struct SQSQueueURL: Sendable, Equatable {
    /// The URL as given.
    public let url: String
    /// `scheme://host[:port]`, where its SQS endpoint is.
    public let endpoint: String
    /// The region an AWS host names (`sqs.REGION.amazonaws.com`, the legacy `REGION.queue.amazonaws.com`); nil for
    /// another host.
    public let region: String?

    /// Nil when `text` is not an http(s) URL with a host and a path of account and queue name.
    public init?(_ text: String) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = components.host?.lowercased(), !host.isEmpty,
              components.path.split(separator: "/").count == 2 else { return nil }
        url = text
        endpoint = "\(scheme)://\(components.host ?? host)" + (components.port.map { ":\($0)" } ?? "")
        let labels = host.split(separator: ".").map(String.init)
        if labels.count >= 4, labels[0] == "sqs", labels[2] == "amazonaws" {
            region = labels[1]
        } else if labels.count == 4, labels[1] == "queue", labels[2] == "amazonaws" {
            region = labels[0]
        } else if host == "queue.amazonaws.com" {
            region = "us-east-1"
        } else {
            region = nil
        }
    }

    /// `configuration` made to reach this queue: its region when the host names one, and its host as the SQS
    /// endpoint unless one was chosen (`AWS_ENDPOINT_URL_SQS`, `AWS_ENDPOINT_URL`).
    public func configuring(_ configuration: AWSConfiguration) -> AWSConfiguration {
        var configured = configuration
        if let region { configured.region = region }
        if configured.endpointOverrides[.sqs] == nil, configured.globalEndpoint == nil {
            configured.endpointOverrides[.sqs] = endpoint
        }
        return configured
    }
}
