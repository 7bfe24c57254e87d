import Foundation
import Testing
import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomServer
import DarkroomTestSupport

/// The `bedrock` backend with real peers on loopback: the local stack's Bedrock-compatible invoke endpoint
/// as Bedrock Runtime, and moto_server as S3.
@Suite(.serialized) struct BedrockGenerationClientTests {
    static let credentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")

    @Test func invokesThroughBedrockRuntimeAndStoresInS3WithMetadata() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let stack = try await LocalStack.start(handler: RecordingHandler(), model: LocalPreviewEngine())
        defer { Task { await stack.stop() } }
        let configuration = AWSConfiguration(
            region: "us-east-1", credentials: Self.credentials,
            endpointOverrides: [.bedrockRuntime: stack.baseURL, .s3: moto.endpoint], s3PathStyle: true
        )
        let s3 = S3Client(configuration: configuration)
        try await s3.createBucket("darkroom-images")
        let client = BedrockGenerationClient(
            store: S3Storage(bucket: "darkroom-images", client: s3), bedrock: BedrockRuntimeClient(configuration: configuration)
        )

        let result = try await client.generate(GenerationParameters(prompt: "A cat running a marathon", model: "amazon.nova-canvas-v1:0", seed: 5))

        #expect(result.bucket == "darkroom-images")
        #expect(result.seed == 5)
        #expect(result.model == "amazon.nova-canvas-v1:0")
        let object = try await s3.getObject(bucket: "darkroom-images", key: result.key)
        #expect(object.body.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(object.metadata["seed"] == "5")
        let thumbnailKey = try #require(result.thumbnailKey)
        _ = try await s3.headObject(bucket: "darkroom-images", key: thumbnailKey)
    }

    @Test func bedrockErrorsReachTheCaller() async throws {
        let stack = try await LocalStack.start(handler: RecordingHandler(), model: LocalPreviewEngine())
        defer { Task { await stack.stop() } }
        let folder = try TemporaryDirectory("darkroom-bedrock-errors")
        defer { folder.remove() }
        let configuration = AWSConfiguration(region: "us-east-1", credentials: Self.credentials, endpointOverrides: [.bedrockRuntime: stack.baseURL])
        let client = BedrockGenerationClient(store: try DirectoryStorage(root: folder.url), bedrock: BedrockRuntimeClient(configuration: configuration))

        await #expect {
            _ = try await client.generate(GenerationParameters(prompt: "an nsfw cat", model: "amazon.nova-canvas-v1:0"))
        } throws: { error in
            guard case .contentFiltered = error as? GenerationClientError else { return false }
            return true
        }
        let stored = try await DirectoryStorage(root: folder.url).list(prefix: "output-images/", continuationToken: nil, maxKeys: 10)
        #expect(stored.objects.isEmpty)
    }
}
