import Foundation
import Testing
import DarkroomTestSupport

/// `darkroom dead-letters` run as a person would: the queue is moto_server's SQS, filled by boto3 the way Lambda
/// leaves a failed asynchronous invocation (the event as the body, `RequestID`/`ErrorCode`/`ErrorMessage`
/// attributes); `--retry` invokes a loopback stand-in for the Lambda Invoke API that refuses one job.
struct DeadLettersCommandTests {
    static let seedScript = """
        import boto3, json, sys
        sqs = boto3.client("sqs", endpoint_url=sys.argv[1], region_name="us-east-1")
        url = sqs.create_queue(QueueName="studio-dead-letters")["QueueUrl"]
        for seed in (7, 8):
            event = {"darkroom_job": {"key": "output-images/20261126T024935Z-%d-4d235eb5.png" % seed,
                     "parameters": {"prompt": "A lighthouse\\u001b[31m at dusk", "model": "stability.stable-diffusion-xl-v1",
                                    "seed": seed, "width": 1024, "height": 1024, "negative_prompt": ""},
                     "requested_at": "2026-11-26T02:49:35Z"}}
            attributes = {name: {"DataType": "String", "StringValue": value} for name, value in
                          (("RequestID", "req-%d" % seed), ("ErrorCode", "200"), ("ErrorMessage", "Task timed out after 900.00 seconds"))}
            sqs.send_message(QueueUrl=url, MessageBody=json.dumps(event), MessageAttributes=attributes)
        sqs.send_message(QueueUrl=url, MessageBody="not a darkroom job")
        print(url)
        """

    static func environment(_ moto: MotoServer, home: URL, lambda: String? = nil) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path, "AWS_ACCESS_KEY_ID": "AKIDE2E", "AWS_SECRET_ACCESS_KEY": "e2esecret",
            "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": moto.endpoint,
        ]
        environment["AWS_ENDPOINT_URL_LAMBDA"] = lambda
        return environment
    }

    /// Fills moto's `studio-dead-letters` queue with `seedScript` and returns its URL.
    static func seededQueue(_ moto: MotoServer, home: URL) async throws -> String {
        let seeded = try await Subprocess.run(["python3", "-c", seedScript, moto.endpoint], environment: environment(moto, home: home))
        try #require(seeded.status == 0, "seeding failed: \(seeded.output)")
        return seeded.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func listsTheFailedJobsThenRetriesThemThroughLambda() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let home = try TemporaryDirectory("darkroom-dead-letters")
        defer { home.remove() }
        let queueURL = try await Self.seededQueue(moto, home: home.url)
        let darkroom = BuiltProducts.executable("darkroom").path

        let listing = try await Subprocess.run([darkroom, "dead-letters", "--queue-url", queueURL],
                                               environment: Self.environment(moto, home: home.url))
        #expect(listing.status == 0, "\(listing.output)")
        let lines = listing.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(listing.output)")
        for seed in [7, 8] {
            let line = try #require(lines.first { $0.contains("-\(seed)-4d235eb5.png") }, "\(listing.output)")
            #expect(line.contains("seed \(seed)"))
            #expect(line.contains("Task timed out after 900.00 seconds"))
            // The prompt's escape sequence is stripped, never sent raw to the terminal.
            #expect(!line.contains("\u{1B}"))
            #expect(line.contains("A lighthouse[31m at dusk"))
        }
        #expect(lines.contains { $0.contains("not a darkroom job: not a darkroom job") })

        // Lambda's Invoke API stand-in: accepts seed 7 (202), throttles seed 8 (429).
        let lambda = try LoopbackHTTPServer { request, _ in
            let body = String(decoding: request.body, as: UTF8.self)
            return body.contains("-8-4d235eb5.png")
                ? .text(429, #"{"__type":"TooManyRequestsException","message":"Rate exceeded"}"#,
                        headers: [("x-amzn-ErrorType", "TooManyRequestsException")])
                : .respond(status: 202)
        }
        defer { lambda.stop() }
        let retry = try await Subprocess.run([darkroom, "dead-letters", "--queue-url", queueURL, "--retry"],
                                             environment: Self.environment(moto, home: home.url, lambda: lambda.url))
        #expect(retry.status == 1, "one job was refused, so the command fails: \(retry.output)")
        #expect(retry.standardOutput.contains("1 retried, 1 failed, 1 not darkroom jobs."), "\(retry.output)")
        let invocations = lambda.requests.filter { $0.method == "POST" }
        // The function's name comes from the queue's (`<stack>-dead-letters` → `<stack>-image-generation`).
        #expect(invocations.allSatisfy { $0.path == "/2015-03-31/functions/studio-image-generation/invocations" })
        #expect(invocations.allSatisfy { $0.headers["X-Amz-Invocation-Type"] == "Event" })
        #expect(invocations.allSatisfy { $0.headers["Authorization"]?.hasPrefix("AWS4-HMAC-SHA256 ") == true })
        #expect(invocations.count >= 2)

        // The accepted job left the queue; the refused one and the foreign message stay for the next retry.
        let after = try await Subprocess.run([darkroom, "dead-letters", "--queue-url", queueURL],
                                             environment: Self.environment(moto, home: home.url))
        #expect(after.status == 0, "\(after.output)")
        let left = after.standardOutput.split(separator: "\n")
        #expect(left.count == 2, "\(after.output)")
        #expect(left.contains { $0.contains("-8-4d235eb5.png") })
        #expect(!left.contains { $0.contains("-7-4d235eb5.png") })
    }

    /// The queue is reached at its URL's host: without `AWS_ENDPOINT_URL`, a queue URL on moto went to
    /// sqs.us-east-1.amazonaws.com, and text that is no URL at all was sent there too.
    @Test func theQueueIsReachedAtItsURLsHostAndTextThatIsNoURLIsRefused() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let home = try TemporaryDirectory("darkroom-dead-letters")
        defer { home.remove() }
        let queueURL = try await Self.seededQueue(moto, home: home.url)
        var environment = Self.environment(moto, home: home.url)
        environment["AWS_ENDPOINT_URL"] = nil
        let darkroom = BuiltProducts.executable("darkroom").path
        let listing = try await Subprocess.run([darkroom, "dead-letters", "--queue-url", queueURL], environment: environment)
        #expect(listing.status == 0, "\(listing.output)")
        #expect(listing.standardOutput.split(separator: "\n").count == 3, "\(listing.output)")
        let refused = try await Subprocess.run([darkroom, "dead-letters", "--queue-url", "notaurl"], environment: environment)
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("'notaurl' is not a queue URL"), "\(refused.output)")
    }

    @Test func withoutAQueueItSaysWhereToFindOne() async throws {
        let home = try TemporaryDirectory("darkroom-dead-letters")
        defer { home.remove() }
        let result = try await Subprocess.run(
            [BuiltProducts.executable("darkroom").path, "dead-letters"],
            environment: ["PATH": "/usr/bin:/bin", "HOME": home.url.path, "AWS_REGION": "us-east-1"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("pass --queue-url with the stack's DeadLetterQueueUrl output"), "\(result.output)")
    }

    @Test func aQueueThatDoesNotExistIsNamed() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let home = try TemporaryDirectory("darkroom-dead-letters")
        defer { home.remove() }
        let result = try await Subprocess.run(
            [BuiltProducts.executable("darkroom").path, "dead-letters", "--queue-url", moto.endpoint + "/123456789012/gone-dead-letters"],
            environment: Self.environment(moto, home: home.url))
        #expect(result.status != 0)
        #expect(result.standardError.contains("The queue does not exist"), "\(result.output)")
    }
}
