import ArgumentParser
import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomTUI
import Foundation

/// `darkroom generate "prompt"`: one generation job from the command line; prints the key, seed and path.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate one image and print its key, seed and path.",
        discussion: """
            Parameters left out take the model's documented defaults; a random seed is drawn when none is given \
            and always printed, so the image can be made again. The local backend stores into the local stack's \
            bucket with the local preview engine (procedural, not a diffusion model).
            """
    )

    @Argument(help: "What the image shows.")
    var prompt: String

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

    @Flag(help: "Print the backend's JSON answer, with the image's path added.")
    var json = false

    func run() async throws {
        let parameters = try requestedParameters()
        let environment = ProcessInfo.processInfo.environment
        let (settings, _, problems) = backend.settings(environment: environment)
        if let problem = problems.first { throw CommandFailure(problem) }
        let bucketFolder = local.bucketFolder
        let chosen = settings.backend ?? .local
        let client: any GenerationClient
        switch chosen {
        case .local:
            client = try LocalGenerationClient(root: bucketFolder)
        case .api:
            client = APIGatewayGenerationClient(gateway: try Self.gateway(settings: settings, auth: auth, environment: environment))
        case .bedrock:
            let configuration = try AWSConfiguration.resolve(profile: settings.profile, region: settings.region, environment: environment)
            guard let bucket = settings.bucket else {
                throw CommandFailure("The bedrock backend stores into a bucket: pass --bucket, set DARKROOM_BUCKET, or add `bucket = NAME` to the config file.")
            }
            client = BedrockGenerationClient(store: S3Storage(bucket: bucket, client: S3Client(configuration: configuration)),
                                             bedrock: BedrockRuntimeClient(configuration: configuration))
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
            prompt: prompt, negativePrompt: negativePrompt ?? "", model: modelID, cfgScale: cfgScale, steps: steps,
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
