import ArgumentParser
import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomSetup
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `darkroom dead-letters [--retry]`: the asynchronous jobs that failed on Lambda (after its two retries), kept
/// in the stack's dead-letter queue with their key and parameters, and sending them to the function again.
struct DeadLettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters",
        abstract: "List the failed asynchronous jobs in the function's dead-letter queue, or retry them.",
        discussion: """
            The queue is the stack's DeadLetterQueueUrl output. Listing leaves the queue as it was. With --retry each \
            job is invoked again asynchronously (same key, parameters and seed) and removed from the queue once the \
            function accepted it; jobs that could not be sent, and messages that are not darkroom jobs, stay.
            """
    )

    @Option(help: "The dead-letter queue's URL (default: $DARKROOM_DEAD_LETTER_QUEUE).")
    var queueURL: String?

    @Option(help: "The function to retry with (default: the stack's, <stack>-image-generation, from the queue's name).")
    var function: String?

    @Flag(help: "Send every job to the function again and remove the ones it accepted.")
    var retry = false

    @OptionGroup var account: AWSAccountOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let url = [queueURL, environment["DARKROOM_DEAD_LETTER_QUEUE"]].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw CommandFailure.usage("No queue given: pass --queue-url with the stack's DeadLetterQueueUrl output, or set DARKROOM_DEAD_LETTER_QUEUE.")
        }
        // The profile and region resolve as for every other command: options, then the config file, then the environment.
        let setup = Setup.resolve(options: SettingsLayer(profile: account.profile, region: account.region), environment: environment)
        try setup.requireUsableSettings()
        guard let address = SQSQueueURL(url) else {
            throw CommandFailure.usage("'\(url)' is not a queue URL; pass the stack's DeadLetterQueueUrl output (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME).")
        }
        // The queue's own region and host; the function it names is in the same region (one stack).
        let configuration = address.configuring(try setup.awsConfiguration())
        let queue = DeadLetterQueue(queueURL: url, client: SQSClient(configuration: configuration))
        guard retry else {
            let letters = try await queue.list()
            print(letters.isEmpty ? "No failed jobs in \(url)." : letters.map(Self.describe).joined(separator: "\n"))
            return
        }
        guard let functionName = function ?? Self.functionName(forQueueURL: url) else {
            throw CommandFailure.usage("The function is not known from the queue's name; pass --function with the stack's FunctionName output.")
        }
        let outcome = try await queue.retry(through: LambdaSelfInvoker(functionName: functionName, configuration: configuration))
        for letter in outcome.retried { print("retried  " + Self.describe(letter)) }
        for (letter, reason) in outcome.failed { print("failed   " + Self.describe(letter) + "\n         " + reason) }
        for letter in outcome.skipped { print("skipped  " + Self.describe(letter)) }
        print("\(outcome.retried.count) retried, \(outcome.failed.count) failed, \(outcome.skipped.count) not darkroom jobs.")
        if !outcome.failed.isEmpty { throw ExitCode(1) }
    }

    /// The template names the queue `<stack>-dead-letters` and the function `<stack>-image-generation`.
    static func functionName(forQueueURL url: String) -> String? {
        guard let name = url.split(separator: "/").last, name.hasSuffix("-dead-letters") else { return nil }
        return name.dropLast("-dead-letters".count) + "-image-generation"
    }

    /// One line per job: the key, the prompt and the error; foreign messages show their body's start.
    static func describe(_ letter: DeadLetter) -> String {
        let sent = letter.sentAt.map { ListingTimestamp.local($0) } ?? "(unknown time)"
        let error = letter.errorMessage.map { CommandGlyphs.current.separator + $0.strippingControlCharacters() } ?? ""
        guard let job = letter.job else {
            return "\(sent) \(letter.messageID) not a darkroom job: " + String(letter.body.strippingControlCharacters().prefix(80))
        }
        let prompt = job.parameters.prompt.strippingControlCharacters().replacing("\n", with: " ")
        return "\(sent) \(job.key) seed \(job.parameters.seed.map(String.init) ?? "?") \"\(prompt.prefix(60))\"\(error)"
    }
}
