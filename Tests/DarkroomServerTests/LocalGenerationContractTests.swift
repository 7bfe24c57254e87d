import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomServer
import DarkroomTestSupport
import Foundation
import Testing

/// The in-process path (`LocalGenerationClient`: typed parameters into the handler's generation function)
/// and the HTTP face (`serve`: the local stack, reached as the api backend) answer every case alike: the
/// same error for refused parameters and filtered prompts, the same seed, parameters and image bytes.
@Suite struct LocalGenerationContractTests {
    static let titan: ModelID = "amazon.titan-image-generator-v2:0"
    static let sdxl: ModelID = "stability.stable-diffusion-xl-v1"
    static let core: ModelID = "stability.stable-image-core-v1:1"

    static let cases: [(String, GenerationParameters)] = [
        ("defaults", GenerationParameters(prompt: "A cat running a marathon", seed: 7)),
        ("every field", GenerationParameters(prompt: "tide pools at dusk", negativePrompt: "rain", model: sdxl, cfgScale: 9, steps: 20,
                                             seed: 4_000_000_000, stylePreset: "photographic", sampler: "K_EULER")),
        ("another family", GenerationParameters(prompt: "a lighthouse", model: titan, seed: 11, size: ImageSize(width: 384, height: 576))),
        ("empty prompt", GenerationParameters(prompt: "")),
        ("steps out of range", GenerationParameters(prompt: "x", steps: 500)),
        ("cfg out of range", GenerationParameters(prompt: "x", model: titan, cfgScale: 99, size: ImageSize(width: 384, height: 576))),
        ("unsupported size", GenerationParameters(prompt: "x", size: ImageSize(width: 100, height: 100))),
        ("unknown model", GenerationParameters(prompt: "x", model: "acme.painter-v1")),
        ("unknown style", GenerationParameters(prompt: "x", stylePreset: "watercolour-ish")),
        ("prompt too long", GenerationParameters(prompt: String(repeating: "a", count: 20_000))),
        ("filtered, SDXL", GenerationParameters(prompt: "something nsfw", seed: 3)),
        ("filtered, Titan", GenerationParameters(prompt: "something nsfw", model: titan, size: ImageSize(width: 384, height: 576))),
        ("filtered, Stable Image", GenerationParameters(prompt: "something nsfw", model: core)),
    ]

    @Test func theInProcessPathAndServeAnswerEveryCaseAlike() async throws {
        let folder = try TemporaryDirectory("contract")
        defer { folder.remove() }
        let local = LocalGenerationClient(store: try DirectoryStorage(root: folder.url.appendingPathComponent("in-process/bucket")))
        let servedStore = try DirectoryStorage(root: folder.url.appendingPathComponent("served/bucket"))
        let stack = try await LocalStack.start(bucket: servedStore.root)
        defer { Task { await stack.stop() } }
        let served = APIGatewayGenerationClient(gateway: APIGatewayClient(endpoint: stack.baseURL, retry: .none))

        for (name, parameters) in Self.cases {
            let inProcess = await Self.outcome(local, parameters)
            let overHTTP = await Self.outcome(served, parameters)
            switch (inProcess, overHTTP) {
            case (.success(let a), .success(let b)):
                #expect(a.seed == b.seed, "\(name)")
                #expect(a.model == b.model, "\(name)")
                #expect(a.engine == b.engine, "\(name)")
                #expect(a.status == b.status, "\(name)")
                #expect(a.parameters == b.parameters, "\(name)")
                #expect(ObjectNaming.components(ofImageKey: a.key)?.seed == ObjectNaming.components(ofImageKey: b.key)?.seed, "\(name)")
                let first = try await local.store.get(key: a.key).bytes
                let second = try await servedStore.get(key: b.key).bytes
                #expect(first == second, "\(name): the same parameters and seed store the same bytes on both paths")
                #expect((a.thumbnailKey == nil) == (b.thumbnailKey == nil), "\(name)")
            case (.failure(let a), .failure(let b)):
                #expect(a == b, "\(name)")
            default:
                Issue.record("\(name): in process \(inProcess), over HTTP \(overHTTP)")
            }
        }
    }

    private static func outcome(
        _ client: some GenerationClient, _ parameters: GenerationParameters
    ) async -> Result<GenerationResult, GenerationClientError> {
        do throws(GenerationClientError) {
            return .success(try await client.generate(parameters))
        } catch {
            return .failure(error)
        }
    }
}
