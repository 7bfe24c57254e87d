import Testing
import DarkroomAWS
import DarkroomCore
import DarkroomTestSupport
@testable import DarkroomBackend

@Suite struct BedrockModelTests {
    @Test func bedrockErrorsMapToTheHandlersStatuses() {
        let cases: [(BedrockError, ModelInvocationError)] = [
            (.rejected(.validation, message: "steps must be at most 150"), .validation("steps must be at most 150")),
            (.rejected(.validation, message: "This request has been blocked by our content filters."),
             .contentFiltered("This request has been blocked by our content filters.")),
            (.rejected(.accessDenied, message: "no access"), .accessDenied("no access")),
            (.invalidCredentials(code: "ExpiredTokenException"), .accessDenied("credentials refused: ExpiredTokenException")),
            (.rejected(.throttling, message: "slow down"), .throttled("slow down")),
            (.rejected(.modelTimeout, message: "too slow"), .timeout("too slow")),
            (.rejected(.serviceUnavailable, message: "down"), .unavailable("down")),
            (.rejected(.modelNotReady, message: "warming"), .unavailable("warming")),
            (.rejected(.resourceNotFound, message: "no model"), .modelNotFound("no model")),
            (.rejected(.modelError, message: "boom"), .failed("boom")),
        ]
        for (bedrock, expected) in cases {
            #expect(BedrockModel.invocationError(for: bedrock) == expected)
        }
        guard case .timeout = BedrockModel.invocationError(for: .transport(.timedOut(host: "bedrock", attempts: 3))) else {
            Issue.record("a read timeout must map to .timeout")
            return
        }
    }

    /// Bedrock's own messages end with a full stop; darkroom's sentence around them keeps one.
    @Test func bedrocksSentencesAreQuotedWithOneFullStop() {
        let message = "Malformed input request: #: extraneous key [seeds] is not permitted, please reformat your input and try again."
        #expect(ModelInvocationError.validation(message).description == "The model refused the request as invalid: \(message)")
        #expect(ModelInvocationError.failed("Internal server error.").description == "The model failed: Internal server error.")
        #expect(ModelResponseError.modelFailed("Out of memory.").description == "The model failed: Out of memory.")
        #expect(ModelRequestError.invalidBody("steps must be at most 150").description == "The model request is invalid: steps must be at most 150.")
    }

    /// Bedrock's answer is recorded as Bedrock's; only darkroom's local stack, which says so in a header, gets its
    /// pictures labelled as the local preview engine's. Any other name an endpoint gives changes nothing.
    @Test(arguments: [(nil, ImageMetadata.bedrockEngine), (ImageMetadata.localPreviewEngine, ImageMetadata.localPreviewEngine),
                      ("gpt-image-1", ImageMetadata.bedrockEngine)])
    func theEngineIsBedrockUnlessTheLocalStackSaysOtherwise(header: String?, engine: String) async throws {
        let server = try LoopbackHTTPServer { _, _ in
            .text(200, #"{"artifacts": [{"base64": "iVBORw0KGgo=", "seed": 7}]}"#, headers: header.map { [(ModelResponse.engineHeader, $0)] } ?? [])
        }
        defer { server.stop() }
        let configuration = AWSConfiguration(
            region: "us-east-1", credentials: AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret"),
            endpointOverrides: [.bedrockRuntime: server.url]
        )
        let model = BedrockModel(client: BedrockRuntimeClient(configuration: configuration, http: HTTPClient(environment: [:])))
        let answer = try await model.invokeModel(id: ModelCatalog.defaultModel, body: Array("{}".utf8))
        #expect(answer.engine == engine)
        #expect(String(decoding: answer.body, as: UTF8.self).contains("iVBORw0KGgo="))
    }

    @Test func anUnreachableEndpointIsATransportError() async throws {
        try await LoopbackPort.withRefusingPort { port in
            let configuration = AWSConfiguration(
                region: "us-east-1", credentials: AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret"),
                endpointOverrides: [.bedrockRuntime: "http://127.0.0.1:\(port)"]
            )
            let model = BedrockModel(client: BedrockRuntimeClient(
                configuration: configuration, http: HTTPClient(environment: [:]), retry: RetryPolicy(maxAttempts: 1)
            ))
            let error = await #expect(throws: ModelInvocationError.self) {
                try await model.invokeModel(id: ModelCatalog.defaultModel, body: Array("{}".utf8))
            }
            guard case .transport = error else {
                Issue.record("expected a transport error, got \(String(describing: error))")
                return
            }
        }
    }
}
