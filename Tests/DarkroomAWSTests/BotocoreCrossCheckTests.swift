import Foundation
import Testing
import DarkroomAWS
import DarkroomTestSupport

/// The signer against botocore's (the AWS CLI's) on S3 and Bedrock requests with awkward keys,
/// model ids and query strings: same date and credentials → the same Authorization header and
/// presigned URL signature.
struct BotocoreCrossCheckTests {
    static let date = Date(timeIntervalSince1970: 1_764_115_200)  // 2025-11-26T00:00:00Z
    static let credentials = AWSCredentials(accessKeyID: "AKIDCROSSCHECK", secretAccessKey: "cross/check+secret", sessionToken: nil)
    static let withToken = AWSCredentials(accessKeyID: "ASIACROSSCHECK", secretAccessKey: "cross/check+secret", sessionToken: "token/with+odd=chars")

    /// Signs each request with botocore (`S3SigV4Auth` or `SigV4Auth`, or `S3SigV4QueryAuth` to presign).
    static let script = #"""
        import datetime, json, sys
        import botocore.auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        fixed = datetime.datetime(2025, 11, 26, 0, 0, 0)
        botocore.auth.get_current_datetime = lambda *args, **kwargs: fixed
        results = []
        for case in json.load(open(sys.argv[1])):
            credentials = Credentials(case["accessKey"], case["secretKey"], case.get("token"))
            request = AWSRequest(method=case["method"], url=case["url"], headers=dict(case["headers"]), data=case["body"].encode())
            if case["presign"]:
                botocore.auth.S3SigV4QueryAuth(credentials, "s3", case["region"], expires=case["expires"]).add_auth(request)
                results.append(request.url)
            else:
                cls = botocore.auth.S3SigV4Auth if case["service"] == "s3" else botocore.auth.SigV4Auth
                cls(credentials, case["service"], case["region"]).add_auth(request)
                results.append(request.headers["Authorization"])
        print(json.dumps(results))
        """#

    struct Case {
        var service: String
        var request: HTTPRequest
        var credentials: AWSCredentials
        var presignExpires: Int?
    }

    static func s3(_ method: String, _ target: String, headers: HTTPHeaders = HTTPHeaders(), body: String = "",
                   credentials: AWSCredentials = credentials) -> Case {
        Case(service: "s3", request: HTTPRequest(method: method, url: "http://127.0.0.1:9000/bucket" + target, headers: headers, body: Array(body.utf8)),
             credentials: credentials)
    }

    static func bedrock(_ modelID: String, body: String, credentials: AWSCredentials = credentials) -> Case {
        let client = BedrockRuntimeClient(configuration: AWSConfiguration(region: "us-west-2", credentials: credentials))
        return Case(service: "bedrock", request: client.invokeRequest(modelID: modelID, body: Array(body.utf8)), credentials: credentials)
    }

    static func key(_ key: String) -> String { "/" + PercentEncoding.encode(key, keepingSlashes: true) }

    static let cases: [Case] = [
        s3("GET", key("output-images/a cat running.png")),
        s3("GET", key("plus+sign and%percent.png")),
        s3("GET", key("ünïcødé/猫 🐈.png")),
        s3("GET", key("tilde~under_score-dash.png")),
        s3("GET", key("dir//double/./dot/../x.png")),
        s3("PUT", key("output-images/new image.png"),
           headers: ["Content-Type": "image/png", "x-amz-meta-prompt": "  a  cat  ", "If-None-Match": "*"], body: "png bytes"),
        s3("GET", "?list-type=2&encoding-type=url&prefix=output-images%2Fa%20b%2Bc&max-keys=1000&start-after=", credentials: withToken),
        s3("GET", "?b=2&a=2&a=1&empty=&z=%E2%9C%93"),
        s3("DELETE", key("to delete.png"), credentials: withToken),
        bedrock("stability.stable-diffusion-xl-v1:0", body: #"{"text_prompts": [{"text": "a cat running a marathon"}], "cfg_scale": 10}"#),
        bedrock("amazon.nova-canvas-v1:0", body: #"{"taskType": "TEXT_IMAGE", "textToImageParams": {"text": "café ☕"}}"#, credentials: withToken),
        bedrock("arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.stability.sd3-5-large-v1:0", body: "{}"),
        Case(service: "s3", request: HTTPRequest(method: "GET", url: "http://127.0.0.1:9000/bucket" + key("shared/a b+c%d~é.png")),
             credentials: withToken, presignExpires: 3600),
        Case(service: "s3", request: HTTPRequest(method: "GET", url: "http://127.0.0.1:9000/bucket" + key("plain.png")),
             credentials: credentials, presignExpires: 604_800),
    ]

    /// What our signer produces for each case: the Authorization header, or the presigned URL.
    static func ours(_ testCase: Case) throws -> String {
        let region = testCase.service == "s3" ? "us-east-1" : "us-west-2"
        let signer = SigV4Signer(credentials: testCase.credentials, region: region, service: testCase.service)
        if let expires = testCase.presignExpires {
            let client = S3Client(configuration: AWSConfiguration(
                region: region, credentials: testCase.credentials, endpointOverrides: [.s3: "http://127.0.0.1:9000"]))
            let key = PercentEncoding.decode(String(try #require(URLParts(testCase.request.url)).path.dropFirst("/bucket/".count)))
            return try client.presignedGetURL(bucket: "bucket", key: key, expires: .seconds(Int64(expires)), date: date)
        }
        let options = testCase.service == "s3" ? SigV4Signer.Options(payload: .hashed, addsContentHashHeader: true) : SigV4Signer.Options()
        return try #require(try testCase.request.signed(with: signer, date: date, options: options).headers["Authorization"])
    }

    /// The query parameters of a URL as a sorted list, so parameter order does not matter.
    static func sortedQuery(_ url: String) -> [String] {
        (URLParts(url)?.query ?? "").split(separator: "&").map(String.init).sorted()
    }

    @Test func signerAgreesWithBotocore() async throws {
        let folder = try TemporaryDirectory("botocore-crosscheck")
        defer { folder.remove() }
        let input = Self.cases.map { testCase -> [String: Any] in
            var entry: [String: Any] = [
                "service": testCase.service, "region": testCase.service == "s3" ? "us-east-1" : "us-west-2",
                "method": testCase.request.method, "url": testCase.request.url,
                "headers": testCase.request.headers.map { [$0.name, $0.value] },
                "body": String(decoding: testCase.request.body, as: UTF8.self),
                "accessKey": testCase.credentials.accessKeyID, "secretKey": testCase.credentials.secretAccessKey,
                "presign": testCase.presignExpires != nil, "expires": testCase.presignExpires ?? 0,
            ]
            if let token = testCase.credentials.sessionToken { entry["token"] = token }
            return entry
        }
        let inputFile = folder.url.appendingPathComponent("cases.json")
        try JSONSerialization.data(withJSONObject: input).write(to: inputFile)
        let result = try await Subprocess.run(["python3", "-c", Self.script, inputFile.path])
        try #require(result.status == 0, "botocore failed: \(result.output)")
        let theirs = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String])
        try #require(theirs.count == Self.cases.count)
        for (testCase, expected) in zip(Self.cases, theirs) {
            let mine = try Self.ours(testCase)
            if testCase.presignExpires != nil {
                #expect(URLParts(mine)?.path == URLParts(expected)?.path, "\(testCase.request.url)")
                #expect(Self.sortedQuery(mine) == Self.sortedQuery(expected), "\(testCase.request.url)")
            } else {
                #expect(mine == expected, "\(testCase.request.method) \(testCase.request.url)")
            }
        }
    }
}
