/// A complete HTTP response: status, headers and the whole body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text (invalid bytes replaced), for error messages and XML/JSON parsing.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The AWS error code of an error response: the `x-amzn-errortype` header, JSON `__type`/`code`,
    /// or XML `<Code>`; nil for success responses or bodies without a code.
    public var awsErrorCode: String? {
        guard status >= 300 else { return nil }
        if let type = headers["x-amzn-errortype"], !type.isEmpty {
            return String(type.split(separator: ":", maxSplits: 1).first ?? "")
        }
        let text = bodyText
        for marker in ["\"__type\"", "\"code\"", "\"Code\""] {
            if let value = Self.jsonString(after: marker, in: text) {
                return String(value.split(separator: "#").last ?? "")
            }
        }
        if let start = text.firstRange(of: "<Code>"), let end = text[start.upperBound...].firstRange(of: "</Code>") {
            return String(text[start.upperBound..<end.lowerBound])
        }
        return nil
    }

    /// The JSON string value after `"key"` (`"key": "value"`), found without a full JSON parse.
    private static func jsonString(after key: String, in text: String) -> Substring? {
        guard let keyRange = text.firstRange(of: key) else { return nil }
        var rest = text[keyRange.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        guard rest.first == "\"" else { return nil }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return rest[..<close]
    }
}
