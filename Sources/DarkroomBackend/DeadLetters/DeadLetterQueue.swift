#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DarkroomAWS

/// The function's dead-letter queue: lists the asynchronous jobs that failed after Lambda's retries, and sends
/// them to the function again.
///
/// Reading a message hides it from other readers for a while (SQS has no "peek"), so both operations hold every
/// message they read until they are done and then make the ones they keep visible again at once: a listing
/// changes nothing, and a retry removes exactly the messages whose job was handed over.
public struct DeadLetterQueue: Sendable {
    public let queueURL: String
    private let client: SQSClient
    /// Messages are held (invisible to others) this long while a listing or retry runs.
    private let holdSeconds: Int

    public init(queueURL: String, client: SQSClient, holdSeconds: Int = 60) {
        self.queueURL = queueURL
        self.client = client
        self.holdSeconds = holdSeconds
    }

    /// Every message in the queue (up to `limit`), oldest first; the queue is left as it was.
    public func list(limit: Int = 1000) async throws(SQSError) -> [DeadLetter] {
        let held = try await receiveAll(limit: limit)
        try await release(held)
        return held.map(DeadLetter.init(message:)).sorted { ($0.sentAt ?? .distantPast) < ($1.sentAt ?? .distantPast) }
    }

    /// What a retry did with each message.
    public struct RetryOutcome: Sendable {
        /// Handed to the function again and deleted from the queue.
        public var retried: [DeadLetter] = []
        /// Still in the queue: the dispatch failed (with its reason).
        public var failed: [(letter: DeadLetter, reason: String)] = []
        /// Still in the queue: not a darkroom job.
        public var skipped: [DeadLetter] = []
    }

    /// Sends every job in the queue (up to `limit`) through `dispatcher` (the function's asynchronous invoke) and
    /// deletes each message whose job was accepted; the rest stay in the queue.
    public func retry(through dispatcher: any GenerationJobDispatching, limit: Int = 1000) async throws(SQSError) -> RetryOutcome {
        let held = try await receiveAll(limit: limit)
        var outcome = RetryOutcome()
        var kept: [SQSMessage] = []
        for message in held {
            let letter = DeadLetter(message: message)
            guard let job = letter.job else {
                outcome.skipped.append(letter)
                kept.append(message)
                continue
            }
            do {
                try await dispatcher.dispatch(job)
            } catch {
                outcome.failed.append((letter, error.reason))
                kept.append(message)
                continue
            }
            try await client.deleteMessage(queueURL: queueURL, receiptHandle: message.receiptHandle)
            outcome.retried.append(letter)
        }
        try await release(kept)
        return outcome
    }

    /// Receives until the queue answers with nothing new, holding every message read.
    private func receiveAll(limit: Int) async throws(SQSError) -> [SQSMessage] {
        var held: [SQSMessage] = []
        var seen: Set<String> = []
        while held.count < limit {
            // A short long-poll: SQS may answer an empty short poll while messages exist on other servers.
            let batch = try await client.receiveMessages(
                queueURL: queueURL, maxMessages: min(10, limit - held.count), visibilityTimeout: holdSeconds, waitSeconds: 1)
            let fresh = batch.filter { seen.insert($0.messageID).inserted }
            if fresh.isEmpty { break }
            held += fresh
        }
        return held
    }

    /// Makes held messages visible again at once.
    private func release(_ messages: [SQSMessage]) async throws(SQSError) {
        for message in messages {
            try await client.changeMessageVisibility(queueURL: queueURL, receiptHandle: message.receiptHandle, timeout: 0)
        }
    }
}
