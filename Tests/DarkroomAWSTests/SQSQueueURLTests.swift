import Testing
import DarkroomAWS

/// A queue is reached at its URL's host and signed for the region that host names.
@Suite struct SQSQueueURLTests {
    @Test(arguments: [
        ("https://sqs.eu-west-1.amazonaws.com/123456789012/studio-dead-letters", "https://sqs.eu-west-1.amazonaws.com", "eu-west-1"),
        ("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q", "https://sqs.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        ("https://ap-south-1.queue.amazonaws.com/123456789012/q", "https://ap-south-1.queue.amazonaws.com", "ap-south-1"),
        ("https://queue.amazonaws.com/123456789012/q", "https://queue.amazonaws.com", "us-east-1"),
        ("http://127.0.0.1:5000/123456789012/q", "http://127.0.0.1:5000", nil),
    ])
    func theHostGivesTheEndpointAndRegion(url: String, endpoint: String, region: String?) throws {
        let address = try #require(SQSQueueURL(url))
        #expect(address.endpoint == endpoint)
        #expect(address.region == region)
    }

    @Test(arguments: ["notaurl", "", "ftp://sqs.eu-west-1.amazonaws.com/1/q", "https://sqs.eu-west-1.amazonaws.com/q",
                      "https:///123/q", "https://sqs.eu-west-1.amazonaws.com/1/q/extra"])
    func whatIsNotAQueueURLIsRefused(text: String) {
        #expect(SQSQueueURL(text) == nil)
    }

    @Test func theQueuesRegionAndHostWinUnlessAnEndpointWasChosen() throws {
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret")
        let address = try #require(SQSQueueURL("https://sqs.eu-west-1.amazonaws.com/123456789012/q"))
        let configured = address.configuring(AWSConfiguration(region: "us-east-1", credentials: credentials))
        #expect(configured.region == "eu-west-1")
        #expect(configured.endpoint(for: .sqs) == "https://sqs.eu-west-1.amazonaws.com")
        let emulated = address.configuring(AWSConfiguration(region: "us-east-1", credentials: credentials, globalEndpoint: "http://127.0.0.1:5000"))
        #expect(emulated.endpoint(for: .sqs) == "http://127.0.0.1:5000")
    }
}
