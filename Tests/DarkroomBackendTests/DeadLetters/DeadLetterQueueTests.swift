import Foundation
import Testing
@testable import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomTestSupport

/// The dead-letter queue against moto_server's SQS: messages shaped as Lambda leaves a failed asynchronous
/// invocation (the event as body, `RequestID`/`ErrorCode`/`ErrorMessage` attributes).
struct DeadLetterQueueTests {
    static func client(_ moto: MotoServer) -> SQSClient {
        let configuration = AWSConfiguration(
            region: "us-east-1", credentials: AWSCredentials(accessKeyID: "AKIDMOTO", secretAccessKey: "motosecret"),
            endpointOverrides: [.sqs: moto.endpoint])
        return SQSClient(configuration: configuration, http: HTTPClient(environment: [:]),
                         retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(20)))
    }

    static func job(seed: UInt32) -> GenerationJob {
        let parameters = GenerationParameters(prompt: "A cat running a marathon", seed: seed)
        let key = "output-images/20261126T024935Z-\(seed)-4d235eb5.png"
        return GenerationJob(parameters: parameters, key: key, thumbnailKey: ObjectNaming.thumbnailKey(forImageKey: key),
                             requestedAt: Date(timeIntervalSince1970: 1_795_000_000))
    }

    static func sendFailure(_ job: GenerationJob, _ sqs: SQSClient, queue: String) async throws {
        try await sqs.sendMessage(queueURL: queue, body: String(decoding: job.eventPayload(), as: UTF8.self), attributes: [
            "RequestID": "req-\(job.parameters.seed ?? 0)", "ErrorCode": "200",
            "ErrorMessage": "Task timed out after 900.00 seconds",
        ])
    }

    @Test func listShowsEachJobWithItsErrorAndLeavesTheQueueAsItWas() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let sqs = Self.client(moto)
        let url = try await sqs.createQueue(name: "darkroom-dead-letters")
        for seed: UInt32 in [1, 2, 3] { try await Self.sendFailure(Self.job(seed: seed), sqs, queue: url) }
        try await sqs.sendMessage(queueURL: url, body: #"{"not":"a darkroom job"}"#)

        let queue = DeadLetterQueue(queueURL: url, client: sqs)
        let letters = try await queue.list()
        #expect(letters.count == 4)
        let jobs = letters.compactMap(\.job)
        #expect(Set(jobs.map(\.key)) == Set([1, 2, 3].map { Self.job(seed: $0).key }))
        #expect(jobs.allSatisfy { $0 == Self.job(seed: $0.parameters.seed ?? 0) })
        let failed = try #require(letters.first { $0.job?.parameters.seed == 2 })
        #expect(failed.errorMessage == "Task timed out after 900.00 seconds")
        #expect(failed.requestID == "req-2")
        #expect(failed.sentAt.map { abs($0.timeIntervalSinceNow) < 600 } == true)
        #expect(letters.filter { $0.job == nil }.map(\.body) == [#"{"not":"a darkroom job"}"#])

        // Nothing was consumed: a second listing sees the same messages at once.
        #expect(Set(try await queue.list().map(\.messageID)) == Set(letters.map(\.messageID)))
    }

    @Test func retryDispatchesEachJobAndDeletesOnlyTheOnesAccepted() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let sqs = Self.client(moto)
        let url = try await sqs.createQueue(name: "darkroom-dead-letters")
        for seed: UInt32 in [1, 2, 3] { try await Self.sendFailure(Self.job(seed: seed), sqs, queue: url) }
        try await sqs.sendMessage(queueURL: url, body: "garbage")

        let queue = DeadLetterQueue(queueURL: url, client: sqs)
        let dispatcher = SelectiveDispatcher(refusedSeed: 2)
        let outcome = try await queue.retry(through: dispatcher)
        #expect(Set(outcome.retried.compactMap(\.job?.parameters.seed)) == [1, 3])
        #expect(outcome.failed.map(\.letter.job?.parameters.seed) == [2])
        #expect(outcome.failed.first?.reason == "throttled")
        #expect(outcome.skipped.map(\.body) == ["garbage"])
        #expect(Set(dispatcher.jobs.map(\.key)) == Set([1, 2, 3].map { Self.job(seed: $0).key }))

        // The refused job and the foreign message stay, visible at once for the next retry.
        let left = try await queue.list()
        #expect(Set(left.map(\.body)) == ["garbage", String(decoding: Self.job(seed: 2).eventPayload(), as: UTF8.self)])
    }

    @Test func aMissingQueueIsNamedAsSuch() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let queue = DeadLetterQueue(queueURL: moto.endpoint + "/123456789012/no-such-queue", client: Self.client(moto))
        await #expect {
            _ = try await queue.list()
        } throws: { error in
            guard case .queueNotFound = error as? SQSError else { return false }
            return "\(error)".contains("DeadLetterQueueUrl")
        }
    }
}

/// Accepts every job but the one with `refusedSeed`.
final class SelectiveDispatcher: GenerationJobDispatching, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [GenerationJob] = []
    let refusedSeed: UInt32

    init(refusedSeed: UInt32) { self.refusedSeed = refusedSeed }

    var jobs: [GenerationJob] { lock.withLock { recorded } }

    func dispatch(_ job: GenerationJob) async throws(JobDispatchError) {
        lock.withLock { recorded.append(job) }
        if job.parameters.seed == refusedSeed { throw JobDispatchError("throttled") }
    }
}

/// What the tests need to fill a queue as Lambda does; darkroom itself only reads and deletes.
extension SQSClient {
    /// Creates a queue (or finds the existing one with the same attributes) and returns its URL.
    func createQueue(name: String, attributes: [String: String] = [:]) async throws(SQSError) -> String {
        struct Input: Encodable { var QueueName: String; var Attributes: [String: String]? }
        struct Output: Decodable { var QueueUrl: String }
        let output: Output = try await call("CreateQueue", Input(QueueName: name, Attributes: attributes.isEmpty ? nil : attributes))
        return output.QueueUrl
    }

    /// Sends one message with string attributes; returns its message ID.
    @discardableResult
    func sendMessage(queueURL: String, body: String, attributes: [String: String] = [:]) async throws(SQSError) -> String {
        struct Attribute: Encodable { var DataType = "String"; var StringValue: String }
        struct Input: Encodable { var QueueUrl: String; var MessageBody: String; var MessageAttributes: [String: Attribute]? }
        struct Output: Decodable { var MessageId: String }
        let encoded = attributes.mapValues { Attribute(StringValue: $0) }
        let output: Output = try await call(
            "SendMessage", Input(QueueUrl: queueURL, MessageBody: body, MessageAttributes: encoded.isEmpty ? nil : encoded))
        return output.MessageId
    }
}
