import Foundation
import Testing
import DarkroomAWS
import DarkroomTestSupport

/// The AWS SigV4 test suite (`../shared/testdata/sigv4/v4`): every case, header and query signing,
/// checked stage by stage against the published canonical request, string to sign, signature and signed request.
struct SigV4SuiteTests {
    static let suite = TestData.url("sigv4/v4")
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: suite.path)) ?? []
        return names.filter { name in
            FileManager.default.fileExists(atPath: suite.appendingPathComponent(name).appendingPathComponent("request.txt").path)
        }.sorted()
    }()

    @Test func theSuiteHasAllThirtyEightCases() {
        #expect(Self.cases.count == 38)
    }

    @Test(arguments: cases)
    func headerSigning(_ name: String) throws {
        let testCase = try SuiteCase(name: name, folder: Self.suite.appendingPathComponent(name))
        let signed = testCase.signer.signHeaders(testCase.request, date: try testCase.date, options: testCase.headerOptions)
        #expect(signed.canonicalRequest == (try testCase.text("header-canonical-request.txt")))
        #expect(signed.stringToSign == (try testCase.text("header-string-to-sign.txt")))
        #expect(signed.signature == (try testCase.text("header-signature.txt")))
        let expected = try RawRequest(try testCase.text("header-signed-request.txt"))
        #expect(signed.request.path == expected.path)
        #expect(sortedFields(signed.request.headers) == sortedFields(expected.headers))
        #expect(signed.request.body == expected.body)
    }

    @Test(arguments: cases)
    func querySigning(_ name: String) throws {
        let testCase = try SuiteCase(name: name, folder: Self.suite.appendingPathComponent(name))
        let signed = testCase.signer.presign(
            testCase.request, date: try testCase.date, expires: testCase.expires, options: testCase.queryOptions)
        #expect(signed.canonicalRequest == (try testCase.text("query-canonical-request.txt")))
        #expect(signed.stringToSign == (try testCase.text("query-string-to-sign.txt")))
        #expect(signed.signature == (try testCase.text("query-signature.txt")))
        let expected = try RawRequest(try testCase.text("query-signed-request.txt"))
        #expect(signed.request.path == expected.path)
        #expect(sortedPairs(signed.request.query) == sortedPairs(expected.query))
        #expect(sortedFields(signed.request.headers) == sortedFields(expected.headers))
    }

    private func sortedFields(_ headers: HTTPHeaders) -> [String] {
        headers.map { $0.name.lowercased() + ":" + $0.value }.sorted()
    }

    private func sortedPairs(_ pairs: [(name: String, value: String)]) -> [String] {
        pairs.map { $0.name + "=" + $0.value }.sorted()
    }
}

/// One folder of the suite: its `context.json`, its request and the expected files.
private struct SuiteCase {
    struct Context: Decodable {
        struct Credentials: Decodable {
            let access_key_id: String
            let secret_access_key: String
            let token: String?
        }
        let credentials: Credentials
        let expiration_in_seconds: Int
        let normalize: Bool
        let region: String
        let service: String
        let sign_body: Bool
        let timestamp: String
        let omit_session_token: Bool?
    }

    let folder: URL
    let context: Context
    let request: SignableRequest

    init(name: String, folder: URL) throws {
        self.folder = folder
        context = try JSONDecoder().decode(Context.self, from: Data(contentsOf: folder.appendingPathComponent("context.json")))
        let raw = try RawRequest(String(decoding: try Data(contentsOf: folder.appendingPathComponent("request.txt")), as: UTF8.self))
        request = SignableRequest(method: raw.method, path: raw.path, query: raw.query, headers: raw.headers, body: raw.body)
    }

    func text(_ file: String) throws -> String {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(file)), as: UTF8.self)
    }

    var signer: SigV4Signer {
        SigV4Signer(
            credentials: AWSCredentials(
                accessKeyID: context.credentials.access_key_id,
                secretAccessKey: context.credentials.secret_access_key,
                sessionToken: context.credentials.token),
            region: context.region, service: context.service,
            pathRules: .init(normalizes: context.normalize, encodesAgain: true))
    }

    var date: Date {
        get throws { try #require(ISO8601DateFormatter().date(from: context.timestamp)) }
    }

    var expires: Int { context.expiration_in_seconds }

    var headerOptions: SigV4Signer.Options {
        .init(payload: .hashed, addsContentHashHeader: context.sign_body, signsSessionToken: !(context.omit_session_token ?? false))
    }

    var queryOptions: SigV4Signer.Options {
        .init(payload: .hashed, addsContentHashHeader: false, signsSessionToken: !(context.omit_session_token ?? false))
    }
}

/// An HTTP/1.1 request as the suite writes it: request line, headers (continuation lines start with
/// whitespace), blank line, body. Paths may contain raw spaces and UTF-8.
private struct RawRequest {
    var method = ""
    var path = ""
    var query: [(name: String, value: String)] = []
    var headers = HTTPHeaders()
    var body: [UInt8] = []

    init(_ text: String) throws {
        let (head, bodyText) = Self.splitHead(text)
        var lines = head.components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        let method = try #require(requestLine.split(separator: " ").first)
        self.method = String(method)
        var target = requestLine.dropFirst(method.count + 1)
        if target.hasSuffix(" HTTP/1.1") { target = target.dropLast(" HTTP/1.1".count) }
        if let question = target.firstIndex(of: "?") {
            path = String(target[..<question])
            query = SignableRequest.parseQuery(target[target.index(after: question)...])
        } else {
            path = String(target)
        }
        var fields: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t", let last = fields.popLast() {
                fields.append((last.name, last.value + "\n" + line))
            } else {
                let colon = try #require(line.firstIndex(of: ":"))
                fields.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        headers = HTTPHeaders(fields)
        body = Array(bodyText.utf8)
    }

    private static func splitHead(_ text: String) -> (String, String) {
        guard let range = text.range(of: "\n\n") else { return (text, "") }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }
}
