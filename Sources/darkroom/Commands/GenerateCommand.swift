import ArgumentParser
import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomSweeps
import DarkroomTUI
import Foundation

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
            above sweep_confirm_over (20) need --yes. Ctrl-C keeps the finished images and exits 130.
            """
    )

    @Argument(help: "What the image shows (optional with --prompts).")
    var prompt: String?

    @Option(help: "What the image should not show.")
    var negativePrompt: String?

    @Option(help: "Seed (0–4294967295); the same seed and parameters make the same image.")
    var seed: UInt32?

    @Option(help: "Diffusion steps.")
    var steps: Int?

    @Option(name: .customLong("cfg-scale"), help: "How closely the image follows the prompt.")
    var cfgScale: Double?

    @Option(help: "WIDTHxHEIGHT, one of the model's sizes (default: the model's default).")
    var size: String?

    @Option(help: "Model id (default: \(ModelCatalog.defaultModel)).")
    var model: String?

    @Option(help: "Style preset, for models that take one.")
    var stylePreset: String?

    @OptionGroup var local: LocalDataOptions

    @Option(help: "API backend: iam (SigV4, the template's default), api-key ($DARKROOM_API_KEY) or none.")
    var auth = APIAuthorization.iam

    @OptionGroup(title: "Backend")
    var backend: BackendOptions

    @Option(name: .customLong("sweep"), help: ArgumentHelp(
        "A sweep axis: NAME=VALUES (cfg_scale=4,7,10, steps=20-50:10) or \"S/R find,replacement,…\"; repeat for Y and Z.",
        valueName: "axis"))
    var sweeps: [String] = []

    @Option(help: ArgumentHelp("A file of prompts, one a line (# comments): a sweep axis of whole prompts.", valueName: "file"))
    var prompts: String?

    @Option(help: ArgumentHelp("Also write a sweep's contact sheet PNG here.", valueName: "file"))
    var sheet: String?

    @Flag(help: "Run a sweep on a paid backend even above sweep_confirm_over images.")
    var yes = false

    @Flag(help: "Print the backend's JSON answer, with the image's path added (sweeps: one line per image as it finishes).")
    var json = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let (settings, _, problems) = backend.settings(environment: environment)
        if let problem = problems.first { throw CommandFailure(problem) }
        let isSweep = !sweeps.isEmpty || prompts != nil
        guard prompt != nil || prompts != nil else {
            throw CommandFailure("Give the prompt as the first argument, or a file of prompts with --prompts FILE.")
        }
        if sheet != nil && !isSweep { throw CommandFailure("--sheet draws a sweep's contact sheet; add --sweep or --prompts.") }
        let parameters = try requestedParameters()
        let bucketFolder = local.bucketFolder
        let chosen = settings.backend ?? .local
        let (client, store) = try Self.client(for: chosen, settings: settings, auth: auth, bucketFolder: bucketFolder, environment: environment)
        let pathOf: @Sendable (String) -> String = { key in
            switch chosen {
            case .local: bucketFolder.appendingPathComponent(key).path
            case .api, .bedrock: "s3://\(store?.bucket ?? settings.bucket ?? "bucket")/\(key)"
            }
        }
        if isSweep {
            let status = try await runSweep(parameters, backend: chosen, client: client, store: store, settings: settings,
                                            bucketFolder: bucketFolder, environment: environment, pathOf: pathOf)
            if status != 0 { throw ExitCode(status) }
            return
        }
        let result = try await client.generate(parameters) { retry in
            FileHandle.standardError.write(Data("retrying (\(retry.attempt)/\(retry.maxAttempts)): \(retry.reason)\n".utf8))
        }
        let path = switch chosen {
        case .local: bucketFolder.appendingPathComponent(result.key).path
        case .api, .bedrock: "s3://\(result.bucket)/\(result.key)"
        }
        print(json ? try Self.json(result, path: path) : Self.summary(result, path: path))
    }

    /// The generation client for `backend`, and the store its images can be read back from (nil for the api
    /// backend without a bucket).
    static func client(
        for backend: AppConfiguration.Backend, settings: AppConfiguration, auth: APIAuthorization, bucketFolder: URL,
        environment: [String: String]
    ) throws -> (any GenerationClient, (any ImageStore)?) {
        switch backend {
        case .local:
            let store = try DirectoryStorage(root: bucketFolder)
            return (LocalGenerationClient(store: store), store)
        case .api:
            let client = APIGatewayGenerationClient(gateway: try gateway(settings: settings, auth: auth, environment: environment))
            guard let bucket = settings.bucket, let configuration = try? AWSConfiguration.resolve(
                profile: settings.profile, region: settings.region, environment: environment) else { return (client, nil) }
            return (client, S3Storage(bucket: bucket, client: S3Client(configuration: configuration)))
        case .bedrock:
            let configuration = try AWSConfiguration.resolve(profile: settings.profile, region: settings.region, environment: environment)
            guard let bucket = settings.bucket else {
                throw CommandFailure("The bedrock backend stores into a bucket: pass --bucket, set DARKROOM_BUCKET, or add `bucket = NAME` to the config file.")
            }
            let store = S3Storage(bucket: bucket, client: S3Client(configuration: configuration))
            return (BedrockGenerationClient(store: store, bedrock: BedrockRuntimeClient(configuration: configuration)), store)
        }
    }

    /// Expands and validates the sweep (nothing runs if any cell is invalid), then runs it.
    private func runSweep(
        _ parameters: GenerationParameters, backend chosen: AppConfiguration.Backend, client: any GenerationClient,
        store: (any ImageStore)?, settings: AppConfiguration, bucketFolder: URL, environment: [String: String],
        pathOf: @escaping @Sendable (String) -> String
    ) async throws -> Int32 {
        let limits = SweepGeneration.limits(settings)
        var axes: [SweepAxis] = []
        do {
            for spec in sweeps { axes.append(try SweepAxis.parse(spec, maxValues: limits.maxImages)) }
            if let prompts {
                guard let text = try? String(contentsOfFile: prompts, encoding: .utf8) else {
                    throw CommandFailure("--prompts \(prompts) cannot be read; check the path.")
                }
                axes.append(try SweepAxis.prompts(fromFile: text))
            }
        } catch let error as SweepError {
            throw CommandFailure(error.description)
        }
        var base = parameters
        if prompt == nil, case .prompt(let first) = axes.last?.values.first { base.prompt = first }
        let plan: SweepPlan
        do {
            plan = try SweepPlan.make(base: base, axes: axes, limits: limits)
        } catch {
            throw CommandFailure(error.description)
        }
        let records: any SweepRecordStore
        switch chosen {
        case .local:
            records = FolderSweepRecords(root: bucketFolder)
        case .api, .bedrock:
            if let store = store as? S3Storage, let configuration = try? AWSConfiguration.resolve(
                profile: settings.profile, region: settings.region, environment: environment) {
                records = S3SweepRecords(bucket: store.bucket, client: S3Client(configuration: configuration))
            } else {
                records = FolderSweepRecords(root: DataFolders(environment: environment).data)
            }
        }
        return try await SweepGeneration(
            plan: plan, backend: chosen, client: client, store: store, records: records,
            fallbackRecords: FolderSweepRecords(root: DataFolders(environment: environment).data),
            settings: settings, json: json, sheetPath: sheet, confirmed: yes, pathOf: pathOf
        ).run()
    }

    /// The parameters as given; the backend fills the model's defaults and validates them.
    func requestedParameters() throws -> GenerationParameters {
        let modelID = model.map(ModelID.init(rawValue:)) ?? ModelCatalog.defaultModel
        guard let descriptor = ModelCatalog.descriptor(for: modelID) else {
            throw CommandFailure("Unknown model \(modelID); use one of \(ModelCatalog.all.map(\.id.rawValue).joined(separator: ", ")).")
        }
        var imageSize = descriptor.defaultSize
        if let size {
            guard let parsed = ImageSize(size) else {
                throw CommandFailure("--size must be WIDTHxHEIGHT, for example \(descriptor.defaultSize), not \(size).")
            }
            imageSize = parsed
        }
        return GenerationParameters(
            prompt: prompt ?? "", negativePrompt: negativePrompt ?? "", model: modelID, cfgScale: cfgScale, steps: steps,
            seed: seed, size: imageSize, stylePreset: stylePreset
        )
    }

    /// The deployed API's client, with the authorization asked for.
    static func gateway(settings: AppConfiguration, auth: APIAuthorization, environment: [String: String]) throws -> APIGatewayClient {
        guard let endpoint = settings.endpoint, !endpoint.isEmpty else {
            throw CommandFailure("The api backend needs the API's URL: pass --endpoint or set DARKROOM_API_ENDPOINT (the stack output ImageGenerationEndpoint).")
        }
        // The stack output is the route's full URL; the client adds the route itself.
        let stage = endpoint.hasSuffix(ImageGenerationHandler.path) ? String(endpoint.dropLast(ImageGenerationHandler.path.count)) : endpoint
        switch auth {
        case .none:
            return APIGatewayClient(endpoint: stage)
        case .apiKey:
            guard let key = environment["DARKROOM_API_KEY"], !key.isEmpty else {
                throw CommandFailure("--auth api-key reads the key from DARKROOM_API_KEY, which is not set.")
            }
            return APIGatewayClient(endpoint: stage, authorization: .apiKey(key))
        case .iam:
            let configuration = try AWSConfiguration.resolve(profile: settings.profile, region: settings.region, environment: environment)
            return APIGatewayClient(endpoint: stage, authorization: .iam(configuration))
        }
    }

    static func summary(_ result: GenerationResult, path: String) -> String {
        var lines = [
            result.message,
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
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any] ?? [:]
        object["path"] = path
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

/// How `generate --backend api` authenticates to the API.
enum APIAuthorization: String, CaseIterable, ExpressibleByArgument {
    case iam
    case apiKey = "api-key"
    case none
}
