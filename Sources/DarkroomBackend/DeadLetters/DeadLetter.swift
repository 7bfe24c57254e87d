#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DarkroomAWS

/// A failed asynchronous invocation as Lambda left it in the dead-letter queue: the event (for darkroom, the
/// job with its key and parameters) and why it failed.
public struct DeadLetter: Sendable, Equatable {
    public var messageID: String
    /// The job the event carried; nil when the message is not a darkroom job (then it is listed, never retried).
    public var job: GenerationJob?
    /// The event as Lambda stored it.
    public var body: String
    /// Lambda's `ErrorMessage` attribute (the function's last error), when it gave one.
    public var errorMessage: String?
    /// Lambda's `RequestID` attribute: the failed invocation, to look up in the function's logs.
    public var requestID: String?
    /// When the message reached the queue.
    public var sentAt: Date?

    public init(message: SQSMessage) {
        messageID = message.messageID
        body = message.body
        job = GenerationJob.parse(eventPayload: Array(message.body.utf8))
        errorMessage = message.messageAttributes["ErrorMessage"]
        requestID = message.messageAttributes["RequestID"]
        sentAt = message.attributes["SentTimestamp"].flatMap { Double($0) }.map { Date(timeIntervalSince1970: $0 / 1000) }
    }
}
