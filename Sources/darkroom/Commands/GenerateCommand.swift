import ArgumentParser
import DarkroomBackend
import DarkroomCore
import DarkroomSetup
import DarkroomSweeps
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `darkroom generate "prompt"`: one generation job from the command line; prints the key, seed and path.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate one image, or a sweep of them, and print keys, seeds and paths.",
        discussion: """
            Parameters left out take the model's documented defaults; a random seed is drawn when none is given \
            and always printed, so the image can be made again. The local backend stores into the local stack's \
            bucket with the local preview engine (procedural, not a diffusion model).

            Sweeps: each --sweep adds an axis (X, then Y, then Z: one grid per Z value) over cfg_scale, steps, size, \
            style, sampler, model or seed, as a list (cfg_scale=4,7,10) or an inclusive range (steps=20-50:10); \
            `--sweep "S/R lighthouse,windmill"` replaces the first word in the prompt by each. --prompts FILE adds an \
            axis of whole prompts (one a line, # comments). Every cell shares one seed. The manifest and contact \
            sheet go to output-sweeps/ in the bucket. On api/bedrock the estimated price is shown first, and sweeps \
            above sweep_confirm_over (20) need --yes. Ctrl-C keeps the finished images, marks the manifest cancelled and \
            ends by SIGINT (status 130); SIGTERM, a hang-up (SIGHUP) and a closed output pipe (SIGPIPE) do \
            the same (143, 129, 141). A signal ignored when darkroom started stays ignored: under nohup a sweep \
            outlives the session.
            """
    )

    @Argument(help: "What the image shows (optional with --prompts).")
    var prompt: String?

    @OptionGroup(title: "Image parameters")
    var image: ImageParameterOptions

    @OptionGroup(title: "Sweeps")
    var sweep: SweepOptions

    @OptionGroup(title: "Backend")
    var backend: BackendOptions

    @OptionGroup var local: LocalDataOptions

    @Flag(help: "Print the backend's JSON answer, with the image's path added (sweeps: one line per image as it finishes).")
    var json = false

    func run() async throws {
        let isSweep = sweep.isSweep
        guard prompt != nil || sweep.prompts != nil else {
            throw CommandFailure.usage("Give the prompt as the first argument, or a file of prompts with --prompts FILE.")
        }
        if prompt != nil && sweep.prompts != nil {
            throw CommandFailure.usage("Give the prompt or --prompts FILE, not both: each line of the file is a whole prompt.")
        }
        if let sheet = sweep.sheet {
            guard isSweep else { throw CommandFailure.usage("--sheet draws a sweep's contact sheet; add --sweep or --prompts.") }
            // Checked before any image is made (and paid for), not once they all are.
            do throws(FileSystemError) { try OutputFile.checkWritable(sheet) } catch {
                throw CommandFailure("--sheet \(sheet): \(error); nothing was generated.")
            }
        }
        let parameters = try image.parameters(prompt: prompt ?? "")
        if !isSweep, let descriptor = ModelCatalog.descriptor(for: parameters.model) {
            // Checked before any backend is called (or billed), as a sweep's cells are; the backend checks again.
            do throws(ParameterError) { _ = try parameters.validated(using: descriptor) } catch {
                throw CommandFailure.usage(error.description(naming: .commandLine))
            }
        }
        let setup = Setup.resolve(options: backend.layer.overridden(by: local.layer))
        try setup.requireUsableSettings()
        let client = try setup.generationClient()
        if isSweep {
            switch try await runSweep(parameters, setup: setup, client: client) {
            case .status(0): return
            case .status(let status): throw ExitCode(status)
            case .signal(let signalNumber): SignalEnding.endProcess(by: signalNumber)
            }
        }
        let result = try await generateShowingTheWait(parameters, client: client, backend: setup.settings.backend)
        let path = switch setup.settings.backend {
        case .local: setup.localBucketFolder.appendingPathComponent(result.key).path
        case .api, .bedrock: "s3://\(result.bucket)/\(result.key)"
        }
        // The handler answers as the reference system does ("Image Saved to S3"); in this process, on the local
        // stack, that would say the wrong place.
        let headline = setup.settings.backend == .local && result.status == .saved ? "Image saved to the local stack's bucket" : result.message
        print(json ? try Self.json(result, path: path) : Self.summary(result, headline: headline, path: path))
    }

    /// A model can take many seconds (minutes on a slow backend), with nothing on the screen to say it is working:
    /// on a terminal, a line counts them until the image is there, and retries are printed above it.
    private func generateShowingTheWait(
        _ parameters: GenerationParameters, client: any GenerationClient, backend: Settings.Backend
    ) async throws -> GenerationResult {
        let status = StatusLine()
        let model = ModelCatalog.descriptor(for: parameters.model)?.displayName ?? parameters.model.rawValue
        let ticker = Task {
            let started = ContinuousClock.now
            while !Task.isCancelled {
                let seconds = (ContinuousClock.now - started).components.seconds
                status.show("Generating with \(model) on \(backend.rawValue)\(CommandGlyphs.current.separator)\(seconds) s")
                try? await Task.sleep(for: .seconds(1))
            }
        }
        defer {
            ticker.cancel()
            status.finish(keepingLast: false)
        }
        return try await client.generate(parameters) { retry in
            status.print("retrying (\(retry.attempt)/\(retry.maxAttempts)): \(retry.reason)")
        }
    }

    /// The text of the --prompts file: a file that cannot be read is named with the system's reason, one that can
    /// but is not UTF-8 is told apart (its path is right; its encoding is not).
    private static func promptsText(_ path: String) throws -> String {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure("--prompts \(path) cannot be read: \(error.fileSystemReason); check the path.")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandFailure("--prompts \(path) is not UTF-8 text; save it as UTF-8, one prompt a line.")
        }
        return text
    }

    /// Expands and validates the sweep (nothing runs if any cell is invalid), then runs it.
    private func runSweep(_ parameters: GenerationParameters, setup: Setup, client: any GenerationClient) async throws -> SweepGeneration.Ending {
        let limits = setup.settings.sweepLimits
        var axes: [SweepAxis] = []
        do {
            for spec in sweep.axes { axes.append(try SweepAxis.parse(spec, maxValues: limits.maxImages)) }
            if let prompts = sweep.prompts {
                axes.append(try SweepAxis.prompts(fromFile: try Self.promptsText(prompts)))
            }
        } catch let error as SweepError {
            throw CommandFailure.usage(error.description)
        }
        var base = parameters
        if prompt == nil, case .prompt(let first) = axes.last?.values.first { base.prompt = first }
        let plan: SweepPlan
        do {
            plan = try SweepPlan.make(base: base, axes: axes, limits: limits)
        } catch {
            throw CommandFailure.usage(error.description)
        }
        let backend = setup.settings.backend
        let bucketFolder = setup.localBucketFolder
        let store = setup.sweepImageStore()
        let pathOf: @Sendable (String) -> String = { key in
            switch backend {
            case .local: bucketFolder.appendingPathComponent(key).path
            case .api, .bedrock: "s3://\(store?.bucket ?? "bucket")/\(key)"
            }
        }
        return try await SweepGeneration(
            plan: plan, backend: backend, client: client, store: store, records: setup.sweepRecords(),
            fallbackRecords: setup.localSweepRecords(), limits: limits, concurrency: setup.settings.concurrency,
            json: json, sheetPath: sweep.sheet, confirmed: sweep.yes, pathOf: pathOf
        ).run()
    }

    static func summary(_ result: GenerationResult, headline: String, path: String) -> String {
        var lines = [
            headline,
            "key:   \(result.key)",
            "seed:  \(result.seed)",
            "path:  \(path)",
            "model: \(result.model) (\(result.engine))",
        ]
        let model = result.durations.modelMilliseconds.map { "model \($0) ms, " } ?? ""
        lines.append("time:  \(model)total \(result.durations.totalMilliseconds) ms")
        return lines.joined(separator: "\n")
    }

    static func json(_ result: GenerationResult, path: String) throws -> String {
        guard let text = CanonicalJSON.text(PrintedResult(result: result, path: path)) else {
            throw CommandFailure("the result could not be written as JSON")
        }
        return text
    }

    /// The handler's result with where the image was saved on this machine, as one JSON object.
    private struct PrintedResult: Encodable {
        let result: GenerationResult
        let path: String

        private enum CodingKeys: String, CodingKey { case path }

        func encode(to encoder: any Encoder) throws {
            try result.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(path, forKey: .path)
        }
    }
}
