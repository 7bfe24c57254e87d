import Testing
import Foundation
import DarkroomBackend
import DarkroomTestSupport

/// Real API Gateway / function URL samples (aws-lambda-go testdata), with bodies swapped in where needed.
@Suite struct LambdaEventTests {
    static let samples: [(file: String, kind: EventKind, method: String, path: String)] = [
        ("apigw-request.json", .restAPI, "POST", "/hello/world"),
        ("apigw-restapi-openapi-request.json", .restAPI, "POST", "/hello/world"),
        ("apigw-v2-request-iam.json", .httpAPI, "GET", "/my/path"),
        ("apigw-v2-request-jwt-authorizer.json", .httpAPI, "GET", "/my/path"),
        ("apigw-v2-request-no-authorizer.json", .httpAPI, "GET", "/"),
        ("lambda-urls-request.json", .functionURL, "POST", "/my/path"),
    ]

    /// The sample event with its body replaced (base64-encoded when asked).
    static func event(_ file: String, body: String?, base64: Bool) throws -> [UInt8] {
        var event = try #require(try JSONSerialization.jsonObject(with: Data(TestData.bytes("apigw-events/" + file))) as? [String: Any])
        if let body {
            event["body"] = base64 ? Data(body.utf8).base64EncodedString() : body
            event["isBase64Encoded"] = base64
        }
        return [UInt8](try JSONSerialization.data(withJSONObject: event))
    }

    @Test(arguments: samples.map(\.file))
    func decodesEverySampleAsIs(file: String) throws {
        let sample = try #require(Self.samples.first { $0.file == file })
        let (request, kind) = try LambdaEvent.decode(TestData.bytes("apigw-events/" + file))
        #expect(kind == sample.kind)
        #expect(request.method == sample.method)
        #expect(request.path == sample.path)
        #expect(request.headers.keys.allSatisfy { $0 == $0.lowercased() })
    }

    @Test(arguments: samples.map(\.file), [false, true])
    func bodiesArriveDecoded(file: String, base64: Bool) throws {
        let body = #"{"message": "A cat running a marathon"}"#
        let (request, _) = try LambdaEvent.decode(Self.event(file, body: body, base64: base64))
        #expect(request.body == Array(body.utf8))
    }

    @Test func headersAreLowerCasedAndRepeatsJoined() throws {
        let (rest, _) = try LambdaEvent.decode(TestData.bytes("apigw-events/apigw-request.json"))
        #expect(rest.headers["cache-control"] == "no-cache")
        #expect(rest.headers["accept"] == "*/*")
        let (url, _) = try LambdaEvent.decode(TestData.bytes("apigw-events/lambda-urls-request.json"))
        #expect(url.headers["header2"] == "value1,value2")
        #expect(url.headers["cookie"] == "cookie1; cookie2")
    }

    @Test func aDirectInvocationIsTheBodyItself() throws {
        let body = Array(#"{"message": "a fox"}"#.utf8)
        let (request, kind) = try LambdaEvent.decode(body)
        #expect(kind == .direct)
        #expect(request.path == ImageGenerationHandler.path)
        #expect(request.body == body)
        #expect(request.headers[LambdaEvent.directInvocationHeader] == "1")
    }

    @Test func clientsCannotPoseAsADirectInvocation() throws {
        var event = try #require(try JSONSerialization.jsonObject(with: Data(TestData.bytes("apigw-events/apigw-v2-request-iam.json"))) as? [String: Any])
        event["headers"] = ["X-Darkroom-Direct-Invocation": "1"]
        let (request, _) = try LambdaEvent.decode([UInt8](try JSONSerialization.data(withJSONObject: event)))
        #expect(request.headers[LambdaEvent.directInvocationHeader] == nil)
    }

    /// Each refusal names what is wrong with the event; all of these used to read "The Lambda event is not JSON".
    @Test(arguments: [
        ("hello", LambdaEventError.notJSON(offset: 0), "The Lambda event is not JSON (from byte 0 on); "),
        ("null", .notAnObject(kind: "JSON null"), "The Lambda event is JSON null, not an object; "),
        ("[]", .notAnObject(kind: "an array"), "The Lambda event is an array, not an object; "),
        (#""a prompt""#, .notAnObject(kind: "a string"), "The Lambda event is a string, not an object; "),
        (#"{"x": 1, "x": 2}"#, .duplicateKey("x"), "The key `x` appears twice in the Lambda event; "),
        (String(repeating: "[", count: 65) + String(repeating: "]", count: 65), .tooDeep(limit: 64),
         "The Lambda event is nested deeper than 64 levels; "),
    ])
    func aRefusedEventIsToldWhatIsWrongWithIt(text: String, expected: LambdaEventError, sentence: String) {
        #expect(throws: expected) { try LambdaEvent.decode(Array(text.utf8)) }
        #expect(expected.description.hasPrefix(sentence))
        #expect(expected.description.hasSuffix("invoke the function through API Gateway or with a JSON object as the payload."))
    }

    @Test func refusesWhatIsNotAnEvent() throws {
        #expect(throws: LambdaEventError.notUTF8) { try LambdaEvent.decode([0x7B, 0xFF, 0x7D]) }
        var event = try #require(try JSONSerialization.jsonObject(with: Data(TestData.bytes("apigw-events/lambda-urls-request.json"))) as? [String: Any])
        event["isBase64Encoded"] = true
        event["body"] = "%%% not base64 %%%"
        #expect(throws: LambdaEventError.invalidBase64Body) {
            try LambdaEvent.decode([UInt8](try JSONSerialization.data(withJSONObject: event)))
        }
    }

    @Test(arguments: [EventKind.restAPI, .httpAPI, .functionURL, .direct])
    func responsesEncodeAsProxyResults(kind: EventKind) throws {
        let response = BackendResponse(status: 200, headers: ["content-type": "application/json"], body: Array(#"{"ok":true}"#.utf8))
        let encoded = try jsonObject(LambdaEvent.encode(response, for: kind))
        #expect(encoded["statusCode"] as? Int == 200)
        #expect(encoded["body"] as? String == #"{"ok":true}"#)
        #expect(encoded["isBase64Encoded"] as? Bool == false)
        #expect((encoded["headers"] as? [String: String])?["content-type"] == "application/json")

        let binary = try jsonObject(LambdaEvent.encode(BackendResponse(status: 200, body: [0xFF, 0xFE]), for: kind))
        #expect(binary["isBase64Encoded"] as? Bool == true)
        #expect(binary["body"] as? String == Data([0xFF, 0xFE]).base64EncodedString())
    }
}
