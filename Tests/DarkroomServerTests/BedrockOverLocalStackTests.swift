import Foundation
import Testing
import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomImaging
import DarkroomServer
import DarkroomTestSupport

/// `BedrockModel` (SigV4 over libcurl) against the local stack's Bedrock-compatible InvokeModel route on
/// real loopback HTTP: every model family, the signature header as the server saw it, and each error
/// the route answers with mapped back to the handler's terms.
@Suite struct BedrockOverLocalStackTests {
    static let credentials = AWSCredentials(accessKeyID: "AKIDLOCALSTACK", secretAccessKey: "local-secret")

    /// A BedrockModel pointed at `stack`, retrying once at most so error cases answer quickly.
    static func bedrockModel(for stack: LocalStack) -> BedrockModel {
        let configuration = AWSConfiguration(
            region: "us-west-2", credentials: credentials, endpointOverrides: [.bedrockRuntime: stack.baseURL]
        )
        return BedrockModel(client: BedrockRuntimeClient(configuration: configuration, retry: .none))
    }

    /// The smallest size each model takes keeps debug-build renders quick.
    static func smallest(_ descriptor: ModelDescriptor) -> ImageSize {
        descriptor.sizes.min { $0.width * $0.height < $1.width * $1.height } ?? descriptor.defaultSize
    }

    @Test(arguments: ModelCatalog.all.map(\.id))
    func everyModelFamilyAnswersWithADecodableImageAndTheSeedItWasSent(id: ModelID) async throws {
        let requests = RequestLog()
        let stack = try await LocalStack.start(
            handler: RecordingHandler(), model: LocalPreviewEngine(), modelRequestObserver: requests.record
        )
        defer { Task { await stack.stop() } }
        let descriptor = try #require(ModelCatalog.descriptor(for: id))
        let parameters = try GenerationParameters(prompt: "a lighthouse at dusk", model: id, seed: 4242, size: Self.smallest(descriptor))
            .validated(using: descriptor)

        let answer = try await Self.bedrockModel(for: stack).invokeModel(id: id, body: ModelCatalog.requestBody(for: parameters))

        // The stack's pictures are the local preview engine's, and the answer says so: never recorded as Bedrock's.
        #expect(answer.engine == ImageMetadata.localPreviewEngine)
        let image = try ModelCatalog.parseResponse(answer.body, family: descriptor.family)
        let decoded = try PNG.decode(image.png)
        #expect(decoded.width == parameters.size.width)
        #expect(decoded.height == parameters.size.height)
        // Amazon's image models report no seed; the others echo the one they used.
        #expect(image.seed == (descriptor.family == .amazonImage ? nil : 4242))

        let seen = try #require(requests.all.first)
        #expect(seen.path.removingPercentEncoding == "/model/\(id.rawValue)/invoke")
        let authorization = try #require(seen.headers["authorization"])
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDLOCALSTACK/"))
        #expect(authorization.contains("/us-west-2/bedrock/aws4_request"))
        #expect(authorization.contains("SignedHeaders=") && authorization.contains("Signature="))
        #expect(!authorization.contains("local-secret"))
        #expect(seen.headers["x-amz-date"]?.count == 16)
    }

    /// The handler over a fresh folder bucket, its model `BedrockModel` calling a local stack.
    static func withHandlerOverBedrock(_ body: (ImageGenerationHandler, DirectoryStorage) async throws -> Void) async throws {
        let folder = try TemporaryDirectory("darkroom-bedrock-handler")
        defer { folder.remove() }
        let stack = try await LocalStack.start(handler: RecordingHandler(), model: LocalPreviewEngine())
        let store = try DirectoryStorage(root: folder.url)
        do {
            try await body(ImageGenerationHandler(store: store, model: bedrockModel(for: stack)), store)
        } catch {
            await stack.stop()
            throw error
        }
        await stack.stop()
    }

    @Test func sdxlSeedZeroThroughTheStackGetsTheSeedTheKeyNames() async throws {
        try await Self.withHandlerOverBedrock { handler, store in
            let result = try await handler.generate(GenerationParameters(prompt: "a fox", steps: 10, seed: 0))

            #expect(result.seed != 0)
            #expect(result.key.contains("-\(result.seed)-"))
            let stored = try await store.get(key: result.key)
            #expect(stored.metadata["seed"] == "\(result.seed)")
            // Made by the stack's procedural engine through the Bedrock client: labelled as such, in the result, the
            // object's metadata and the PNG's own record.
            #expect(result.engine == ImageMetadata.localPreviewEngine)
            #expect(stored.metadata["engine"] == ImageMetadata.localPreviewEngine)
            #expect(ImageMetadata.read(from: try PNG.textChunks(in: stored.bytes))?.engine == ImageMetadata.localPreviewEngine)
        }
    }

    @Test func aBlockedPromptIsContentFilteredAndTheHandlerAnswers422() async throws {
        try await Self.withHandlerOverBedrock { handler, store in
            for id in [ModelDescriptor.stableDiffusionXL, .titanImageV2, .stableDiffusion35Large].map(\.id) {
                let descriptor = try #require(ModelCatalog.descriptor(for: id))
                let size = Self.smallest(descriptor)
                let body = #"{"message": "an nsfw cat", "model": "\#(id)", "width": \#(size.width), "height": \#(size.height)}"#
                let response = await handler.handle(BackendRequest(method: "POST", path: ImageGenerationHandler.path, body: Array(body.utf8)))
                #expect(response.status == 422, "\(id): \(String(decoding: response.body, as: UTF8.self))")
                let error = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body))
                #expect(error.reason?.contains("nsfw") == true)
            }
            #expect(try await store.listAll(prefix: "").isEmpty)
        }
    }

    /// Each failure a model can report, served by the stack as Bedrock Runtime would, comes back to
    /// `BedrockModel` as the same failure (an internal error has no case of its own and reads as a failure).
    @Test(arguments: [
        (ModelInvocationError.validation("bad width"), ModelInvocationError.validation("bad width")),
        (.contentFiltered("prompt contains \"x\""), .contentFiltered("This request has been blocked by our content filters: prompt contains \"x\"")),
        (.accessDenied("no model access"), .accessDenied("no model access")),
        (.throttled("slow down"), .throttled("slow down")),
        (.timeout("took too long"), .timeout("took too long")),
        (.modelNotFound("no such model"), .modelNotFound("no such model")),
        (.unavailable("not ready"), .unavailable("not ready")),
        (.failed("model crashed"), .failed("model crashed")),
        (.transport("socket closed"), .failed("socket closed")),
    ])
    func errorsServedLikeBedrockMapBackToTheSameFailure(served: ModelInvocationError, expected: ModelInvocationError) async throws {
        let stack = try await LocalStack.start(handler: RecordingHandler(), model: FailingModel(error: served))
        defer { Task { await stack.stop() } }

        await #expect(throws: expected) {
            try await Self.bedrockModel(for: stack).invokeModel(id: ModelCatalog.defaultModel, body: Array("{}".utf8))
        }
    }

    @Test func anUnreachableEndpointIsATransportFailure() async throws {
        try await LoopbackPort.withRefusingPort { port in
            let configuration = AWSConfiguration(
                region: "us-west-2", credentials: Self.credentials, endpointOverrides: [.bedrockRuntime: "http://127.0.0.1:\(port)"]
            )
            let model = BedrockModel(client: BedrockRuntimeClient(configuration: configuration, retry: .none))
            await #expect {
                try await model.invokeModel(id: ModelCatalog.defaultModel, body: Array("{}".utf8))
            } throws: { error in
                guard case .transport = error as? ModelInvocationError else { return false }
                return true
            }
        }
    }
}

/// The InvokeModel requests the stack received, in order.
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [BackendRequest] = []

    var all: [BackendRequest] { lock.withLock { requests } }

    @Sendable func record(_ request: BackendRequest) {
        lock.withLock { requests.append(request) }
    }
}

/// A model that always fails with one error.
struct FailingModel: ModelInvoking {
    let error: ModelInvocationError

    func invokeModel(id: ModelID, body: [UInt8]) async throws(ModelInvocationError) -> ModelResponse {
        throw error
    }
}
