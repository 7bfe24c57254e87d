import DarkroomTestSupport
import Foundation
import Testing
import DarkroomAWS
import DarkroomTestSupport

/// Bedrock Runtime's InvokeModel against a loopback fake that checks the request and its signature.
struct BedrockRuntimeClientTests {
    static let secret = "bedrocksecret"

    static func client(_ server: LoopbackHTTPServer, token: String? = nil) -> BedrockRuntimeClient {
        let configuration = AWSConfiguration(
            region: "us-west-2", credentials: AWSCredentials(accessKeyID: "AKIDBEDROCK", secretAccessKey: secret, sessionToken: token),
            endpointOverrides: [.bedrockRuntime: server.url])
        return BedrockRuntimeClient(configuration: configuration, http: HTTPClient(environment: [:]),
                                    retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10)))
    }

    @Test func invokeModelPostsToTheEncodedModelPathWithAValidSignature() async throws {
        let server = try LoopbackHTTPServer { request, _ in
            guard SignatureCheck.isValid(request, secret: Self.secret, pathRules: .standard) else {
                return .text(403, #"{"message": "The request signature we calculated does not match"}"#,
                             headers: [("x-amzn-errortype", "InvalidSignatureException")])
            }
            return .text(200, #"{"artifacts": [{"base64": "iVBORw0KGgo=", "seed": 7}]}"#)
        }
        defer { server.stop() }
        let body = Array(#"{"text_prompts": [{"text": "a cat running a marathon"}], "cfg_scale": 10}"#.utf8)
        let reply = try await Self.client(server, token: "sessiontoken").invokeModel(modelID: "stability.stable-diffusion-xl-v1:0", body: body)
        #expect(reply.status == 200)
        #expect(reply.bodyText.contains("iVBORw0KGgo="))
        let received = try #require(server.requests.first)
        #expect(received.method == "POST")
        #expect(received.target == "/model/stability.stable-diffusion-xl-v1%3A0/invoke")
        #expect(received.headers["Accept"] == "application/json")
        #expect(received.headers["Content-Type"] == "application/json")
        #expect(received.headers["X-Amz-Security-Token"] == "sessiontoken")
        #expect(received.body == body)
        let authorization = try #require(received.headers["Authorization"].flatMap(SignatureCheck.parse))
        #expect(authorization.scope[1...] == ["us-west-2", "bedrock", "aws4_request"])
    }

    static let errorTypes: [(String, Int, BedrockError)] = [
        ("ValidationException", 400, .rejected(.validation, message: "bad cfg_scale")),
        ("AccessDeniedException", 403, .rejected(.accessDenied, message: "bad cfg_scale")),
        ("ModelTimeoutException", 408, .rejected(.modelTimeout, message: "bad cfg_scale")),
        ("ModelNotReadyException", 429, .rejected(.modelNotReady, message: "bad cfg_scale")),
        ("ResourceNotFoundException", 404, .rejected(.resourceNotFound, message: "bad cfg_scale")),
        ("ThrottlingException", 429, .rejected(.throttling, message: "bad cfg_scale")),
        ("ServiceUnavailableException", 503, .rejected(.serviceUnavailable, message: "bad cfg_scale")),
    ]

    @Test(arguments: errorTypes)
    func errorsAreMappedFromTheErrorTypeHeaderAndBody(_ type: String, _ status: Int, _ expected: BedrockError) async throws {
        let server = try LoopbackHTTPServer { _, _ in
            .text(status, #"{"message": "bad cfg_scale"}"#, headers: [("x-amzn-errortype", "\(type):http://internal.amazon.com/coral/com.amazon.bedrock/")])
        }
        defer { server.stop() }
        await #expect(throws: expected) {
            try await Self.client(server).invokeModel(modelID: "amazon.nova-canvas-v1:0", body: Array("{}".utf8))
        }
        let retried = [429, 500, 502, 503, 504].contains(status) || type == "ThrottlingException" || type == "ServiceUnavailableException"
        #expect(server.requests.count == (retried ? 3 : 1))
    }

    @Test func defaultsReadForFiveMinutesWithThreeAttempts() {
        let client = BedrockRuntimeClient(configuration: AWSConfiguration(region: "us-east-1", credentials: AWSCredentials(accessKeyID: "A", secretAccessKey: "S")))
        #expect(client.timeouts.read == .seconds(300))
        #expect(client.retry.maxAttempts == 3)
        #expect(client.invokeRequest(modelID: "stability.sd3-5-large-v1:0", body: []).url
            == "https://bedrock-runtime.us-east-1.amazonaws.com/model/stability.sd3-5-large-v1%3A0/invoke")
    }
}
