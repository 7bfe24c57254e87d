import DarkroomTestSupport
import Foundation
import Testing
import DarkroomAWS

/// The API Gateway client's three ways to authorize, against a loopback fake.
struct APIGatewayClientTests {
    static let secret = "apisecret"

    @Test func unsignedPostReturnsTheBodyAsIs() async throws {
        let server = try LoopbackHTTPServer { request, _ in
            request.headers["Authorization"] == nil && request.headers["x-api-key"] == nil
                ? .text(200, #"{"message": "Image Saved to S3"}"#) : .text(400, "unexpected credentials")
        }
        defer { server.stop() }
        let client = APIGatewayClient(endpoint: server.url + "/prod/", http: HTTPClient(environment: [:]))
        let reply = try await client.post(json: Array(#"{"message": "A cat running a marathon"}"#.utf8))
        #expect(reply.status == 200)
        #expect(String(decoding: reply.body, as: UTF8.self) == #"{"message": "Image Saved to S3"}"#)
        #expect(server.requests.first?.target == "/prod/image-generation")
        #expect(server.requests.first?.body == Array(#"{"message": "A cat running a marathon"}"#.utf8))
    }

    @Test func apiKeyIsSentInTheHeader() async throws {
        let server = try LoopbackHTTPServer { request, _ in
            request.headers["x-api-key"] == "key-123" ? .text(200, "{}") : .text(403, #"{"message":"Forbidden"}"#)
        }
        defer { server.stop() }
        let client = APIGatewayClient(endpoint: server.url, authorization: .apiKey("key-123"), http: HTTPClient(environment: [:]))
        #expect(try await client.post(json: Array("{}".utf8)).status == 200)
        let wrong = APIGatewayClient(endpoint: server.url, authorization: .apiKey("wrong"), http: HTTPClient(environment: [:]))
        await #expect(throws: APIGatewayError.failed(status: 403, body: Array(#"{"message":"Forbidden"}"#.utf8))) {
            try await wrong.post(json: Array("{}".utf8))
        }
    }

    @Test func iamAuthorizationSignsForExecuteAPI() async throws {
        let server = try LoopbackHTTPServer { request, _ in
            SignatureCheck.isValid(request, secret: Self.secret, pathRules: .standard)
                ? .text(200, "{}") : .text(403, #"{"message":"signature mismatch"}"#)
        }
        defer { server.stop() }
        let configuration = AWSConfiguration(region: "eu-west-1", credentials: AWSCredentials(accessKeyID: "AKIDAPI", secretAccessKey: Self.secret))
        let client = APIGatewayClient(endpoint: server.url + "/prod", authorization: .iam(configuration), http: HTTPClient(environment: [:]))
        #expect(try await client.post(json: Array(#"{"message": "x"}"#.utf8)).status == 200)
        let authorization = try #require(server.requests.first?.headers["Authorization"].flatMap(SignatureCheck.parse))
        #expect(authorization.scope[1...] == ["eu-west-1", "execute-api", "aws4_request"])

        let wrongSecret = AWSConfiguration(region: "eu-west-1", credentials: AWSCredentials(accessKeyID: "AKIDAPI", secretAccessKey: "wrong"))
        let rejected = APIGatewayClient(endpoint: server.url + "/prod", authorization: .iam(wrongSecret), http: HTTPClient(environment: [:]))
        await #expect(throws: APIGatewayError.self) { try await rejected.post(json: Array("{}".utf8)) }
    }
}
