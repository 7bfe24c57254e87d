#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The SQS calls darkroom needs (the function's dead-letter queue), in SQS's JSON protocol
/// (`X-Amz-Target: AmazonSQS.<Action>`), signed with SigV4 and sent over `HTTPClient`.
///
/// Requests go to the configuration's SQS endpoint (`AWS_ENDPOINT_URL_SQS`, `AWS_ENDPOINT_URL`, else
/// `https://sqs.<region>.amazonaws.com`); the queue is named by its URL in the body, as the protocol has it.
public struct SQSClient: AWSJSONClient {
    public static let awsService = AWSService.sqs
    public let service: AWSJSONService

    public init(service: AWSJSONService) {
        self.service = service
    }

    /// Up to `maxMessages` (1–10) messages, each hidden from other receivers for `visibilityTimeout` seconds;
    /// waits up to `waitSeconds` for one to arrive (0: answers at once).
    public func receiveMessages(
        queueURL: String, maxMessages: Int = 10, visibilityTimeout: Int, waitSeconds: Int = 0
    ) async throws(SQSError) -> [SQSMessage] {
        struct Input: Encodable {
            var QueueUrl: String; var MaxNumberOfMessages: Int; var VisibilityTimeout: Int; var WaitTimeSeconds: Int
            var MessageAttributeNames = ["All"]; var MessageSystemAttributeNames = ["All"]
        }
        struct Attribute: Decodable { var StringValue: String? }
        struct Message: Decodable {
            var MessageId: String; var ReceiptHandle: String; var Body: String
            var Attributes: [String: String]?; var MessageAttributes: [String: Attribute]?
        }
        struct Output: Decodable { var Messages: [Message]? }
        let output: Output = try await call("ReceiveMessage", Input(
            QueueUrl: queueURL, MaxNumberOfMessages: min(max(maxMessages, 1), 10), VisibilityTimeout: visibilityTimeout,
            WaitTimeSeconds: waitSeconds))
        return (output.Messages ?? []).map { message in
            SQSMessage(
                messageID: message.MessageId, receiptHandle: message.ReceiptHandle, body: message.Body,
                attributes: message.Attributes ?? [:],
                messageAttributes: (message.MessageAttributes ?? [:]).compactMapValues(\.StringValue))
        }
    }

    /// Deletes a received message (its receipt handle, not its ID).
    public func deleteMessage(queueURL: String, receiptHandle: String) async throws(SQSError) {
        struct Input: Encodable { var QueueUrl: String; var ReceiptHandle: String }
        let _: Empty = try await call("DeleteMessage", Input(QueueUrl: queueURL, ReceiptHandle: receiptHandle))
    }

    /// Makes a received message visible again after `timeout` seconds (0: at once).
    public func changeMessageVisibility(queueURL: String, receiptHandle: String, timeout: Int) async throws(SQSError) {
        struct Input: Encodable { var QueueUrl: String; var ReceiptHandle: String; var VisibilityTimeout: Int }
        let _: Empty = try await call(
            "ChangeMessageVisibility", Input(QueueUrl: queueURL, ReceiptHandle: receiptHandle, VisibilityTimeout: timeout))
    }

    // MARK: - Protocol

    private struct Empty: Decodable {}

    func call<Input: Encodable, Output: Decodable>(_ action: String, _ input: Input) async throws(SQSError) -> Output {
        let body: [UInt8]
        do {
            body = [UInt8](try JSONEncoder().encode(input))
        } catch {
            throw .invalidResponse("the \(action) request could not be encoded")
        }
        let request = HTTPRequest(
            method: "POST", url: service.endpoint + "/",
            headers: ["Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AmazonSQS.\(action)"], body: body)
        let response: HTTPResponse
        do {
            response = try await service.send(request)
        } catch {
            throw .transport(error)
        }
        guard (200..<300).contains(response.status) else { throw SQSError(response: response) }
        // Some answers (DeleteMessage) have an empty body.
        let text = response.body.isEmpty ? Array("{}".utf8) : response.body
        do {
            return try JSONDecoder().decode(Output.self, from: Data(text))
        } catch {
            throw .invalidResponse("the \(action) answer could not be read")
        }
    }
}

/// One received message: its body, its receipt handle (to delete it) and its attributes.
public struct SQSMessage: Sendable, Equatable {
    public var messageID: String
    public var receiptHandle: String
    public var body: String
    /// System attributes (`SentTimestamp`, `ApproximateReceiveCount`, …).
    public var attributes: [String: String]
    /// String message attributes; Lambda's dead-letter messages carry `RequestID`, `ErrorCode`, `ErrorMessage`.
    public var messageAttributes: [String: String]

    public init(messageID: String, receiptHandle: String, body: String, attributes: [String: String] = [:],
                messageAttributes: [String: String] = [:]) {
        self.messageID = messageID
        self.receiptHandle = receiptHandle
        self.body = body
        self.attributes = attributes
        self.messageAttributes = messageAttributes
    }
}
