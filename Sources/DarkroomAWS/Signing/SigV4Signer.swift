#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Signs requests with AWS Signature Version 4, in the `Authorization` header or in the query
/// (presigned URLs), for any service and region.
///
/// Each stage is a separate step so tests can check it: canonical request → string to sign →
/// signature. The signer is a value; it holds the credentials and never prints them.
public struct SigV4Signer: Sendable {
    /// How the canonical path is derived from the wire path.
    public struct PathRules: Sendable, Equatable {
        /// Removes `.` and `..` segments and repeated slashes before encoding.
        public var normalizes: Bool
        /// Percent-encodes the (already encoded) wire path once more, as every service but S3 expects.
        public var encodesAgain: Bool

        public init(normalizes: Bool, encodesAgain: Bool) {
            self.normalizes = normalizes
            self.encodesAgain = encodesAgain
        }

        /// S3: the path is signed exactly as sent.
        public static let s3 = PathRules(normalizes: false, encodesAgain: false)
        /// Every other service.
        public static let standard = PathRules(normalizes: true, encodesAgain: true)
    }

    /// What the canonical request says about the body.
    public enum Payload: Sendable, Equatable {
        /// The SHA-256 of the body.
        case hashed
        /// `UNSIGNED-PAYLOAD` (S3 over TLS, presigned URLs).
        case unsigned
        /// A hash computed elsewhere, in lowercase hex.
        case precomputed(String)
    }

    /// Per-request choices beyond the path rules.
    public struct Options: Sendable {
        public var payload: Payload
        /// Sends the payload hash in `x-amz-content-sha256` (S3 requires it).
        public var addsContentHashHeader: Bool
        /// Includes the session token in the signature; some services want it added after signing.
        public var signsSessionToken: Bool

        public init(payload: Payload = .hashed, addsContentHashHeader: Bool = false, signsSessionToken: Bool = true) {
            self.payload = payload
            self.addsContentHashHeader = addsContentHashHeader
            self.signsSessionToken = signsSessionToken
        }
    }

    /// A signed request and the intermediate strings that produced it.
    public struct Signed: Sendable {
        /// The request with the signing headers or query parameters added.
        public var request: SignableRequest
        public var canonicalRequest: String
        public var stringToSign: String
        /// The hex signature.
        public var signature: String
    }

    static let algorithm = "AWS4-HMAC-SHA256"
    /// Headers that proxies and clients change in flight, so signing them would break the signature.
    static let unsignedHeaders: Set<String> = ["authorization", "user-agent", "expect", "x-amzn-trace-id", "connection"]

    public var credentials: AWSCredentials
    public var region: String
    public var service: String
    public var pathRules: PathRules

    /// A signer for `service` (the signing name: `s3`, `bedrock`, `execute-api`…) in `region`.
    public init(credentials: AWSCredentials, region: String, service: String, pathRules: PathRules? = nil) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.pathRules = pathRules ?? (service == "s3" ? .s3 : .standard)
    }

    /// Signs in the `Authorization` header, adding `X-Amz-Date` (and the session token and payload
    /// hash headers when asked for).
    public func signHeaders(_ request: SignableRequest, date: Date, options: Options = Options()) -> Signed {
        let stamp = AmzDate(date)
        var signed = request
        signed.headers["X-Amz-Date"] = stamp.dateTime
        if let token = credentials.sessionToken, options.signsSessionToken {
            signed.headers["X-Amz-Security-Token"] = token
        }
        let payloadHash = payloadHash(of: request.body, options.payload)
        if options.addsContentHashHeader {
            signed.headers["x-amz-content-sha256"] = payloadHash
        }
        let (canonicalHeaders, signedHeaderNames) = canonicalHeaders(signed.headers)
        let canonicalRequest = [
            signed.method.uppercased(), canonicalPath(signed.path), canonicalQuery(signed.query),
            canonicalHeaders, signedHeaderNames, payloadHash,
        ].joined(separator: "\n")
        let stringToSign = stringToSign(canonicalRequest, stamp)
        let signature = signature(stringToSign, stamp)
        signed.headers["Authorization"] = "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(stamp)), "
            + "SignedHeaders=\(signedHeaderNames), Signature=\(signature)"
        if let token = credentials.sessionToken, !options.signsSessionToken {
            signed.headers["X-Amz-Security-Token"] = token
        }
        return Signed(request: signed, canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature)
    }

    /// Signs in the query string (a presigned URL valid for `expires` seconds from `date`).
    public func presign(_ request: SignableRequest, date: Date, expires: Int, options: Options = Options()) -> Signed {
        let stamp = AmzDate(date)
        var signed = request
        let (canonicalHeaders, signedHeaderNames) = canonicalHeaders(signed.headers)
        signed.query.append(contentsOf: [
            ("X-Amz-Algorithm", Self.algorithm),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope(stamp))"),
            ("X-Amz-Date", stamp.dateTime),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", signedHeaderNames),
        ])
        if let token = credentials.sessionToken, options.signsSessionToken {
            signed.query.append(("X-Amz-Security-Token", token))
        }
        let canonicalRequest = [
            signed.method.uppercased(), canonicalPath(signed.path), canonicalQuery(signed.query),
            canonicalHeaders, signedHeaderNames, payloadHash(of: request.body, options.payload),
        ].joined(separator: "\n")
        let stringToSign = stringToSign(canonicalRequest, stamp)
        let signature = signature(stringToSign, stamp)
        signed.query.append(("X-Amz-Signature", signature))
        if let token = credentials.sessionToken, !options.signsSessionToken {
            signed.query.append(("X-Amz-Security-Token", token))
        }
        return Signed(request: signed, canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature)
    }

    // MARK: - Stages

    func payloadHash(of body: [UInt8], _ payload: Payload) -> String {
        switch payload {
        case .hashed: return Hashing.hex(Hashing.sha256(body))
        case .unsigned: return "UNSIGNED-PAYLOAD"
        case .precomputed(let hash): return hash
        }
    }

    func canonicalPath(_ path: String) -> String {
        var result = path.isEmpty ? "/" : path
        if pathRules.normalizes {
            result = Self.removingDotSegments(result)
        }
        if pathRules.encodesAgain {
            result = PercentEncoding.encode(result, keepingSlashes: true)
        }
        return result
    }

    /// `/a//b/./c/../d/` → `/a/b/d/`: empty and `.` segments go, `..` drops its parent, a trailing slash stays.
    static func removingDotSegments(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        var result = "/" + segments.joined(separator: "/")
        if path.hasSuffix("/") && !segments.isEmpty {
            result += "/"
        }
        return result
    }

    func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        // Encoded names and values are ASCII, so String ordering is byte ordering here.
        let encoded: [(name: String, value: String)] = query.map {
            (name: PercentEncoding.encode($0.name), value: PercentEncoding.encode($0.value))
        }
        let sorted = encoded.sorted { left, right in
            left.name == right.name ? left.value < right.value : left.name < right.name
        }
        return sorted.map { pair in pair.name + "=" + pair.value }.joined(separator: "&")
    }

    /// The canonical header block (each line `name:value`, ending in a newline) and the signed header list.
    func canonicalHeaders(_ headers: HTTPHeaders) -> (block: String, names: String) {
        var grouped: [String: [String]] = [:]
        for field in headers {
            let name = field.name.lowercased()
            guard !Self.unsignedHeaders.contains(name) else { continue }
            grouped[name, default: []].append(Self.collapsingWhitespace(field.value))
        }
        let names = grouped.keys.sorted()
        var block = ""
        for name in names {
            block += name + ":" + (grouped[name] ?? []).joined(separator: ",") + "\n"
        }
        return (block, names.joined(separator: ";"))
    }

    /// Trims the value and turns each run of whitespace (folded lines included) into one space.
    static func collapsingWhitespace(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ")
    }

    func scope(_ stamp: AmzDate) -> String {
        "\(stamp.date)/\(region)/\(service)/aws4_request"
    }

    func stringToSign(_ canonicalRequest: String, _ stamp: AmzDate) -> String {
        [Self.algorithm, stamp.dateTime, scope(stamp), Hashing.hex(Hashing.sha256(canonicalRequest))]
            .joined(separator: "\n")
    }

    func signature(_ stringToSign: String, _ stamp: AmzDate) -> String {
        var key = Hashing.hmacSHA256(key: Array("AWS4\(credentials.secretAccessKey)".utf8), message: stamp.date)
        key = Hashing.hmacSHA256(key: key, message: region)
        key = Hashing.hmacSHA256(key: key, message: service)
        key = Hashing.hmacSHA256(key: key, message: "aws4_request")
        return Hashing.hex(Hashing.hmacSHA256(key: key, message: stringToSign))
    }
}

/// The two timestamp forms SigV4 uses, in UTC: `20150830` and `20150830T123600Z`.
struct AmzDate {
    let date: String
    let dateTime: String

    init(_ instant: Date) {
        var seconds = time_t(instant.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let day: [String] = [pad(parts.tm_year + 1900, 4), pad(parts.tm_mon + 1, 2), pad(parts.tm_mday, 2)]
        let time: [String] = [pad(parts.tm_hour, 2), pad(parts.tm_min, 2), pad(parts.tm_sec, 2)]
        date = day.joined()
        dateTime = date + "T" + time.joined() + "Z"
    }
}
