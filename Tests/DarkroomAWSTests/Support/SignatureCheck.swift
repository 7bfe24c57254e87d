import DarkroomTestSupport
import DarkroomAWS
import Foundation

/// Recomputes the SigV4 signature of a request as a server receives it, the way AWS checks it:
/// only the headers listed in `SignedHeaders`, the path and query exactly as they arrived.
enum SignatureCheck {
    struct Authorization {
        var accessKeyID: String
        var scope: [String]  // date, region, service, "aws4_request"
        var signedHeaders: [String]
        var signature: String
    }

    static func parse(_ header: String) -> Authorization? {
        guard header.hasPrefix("AWS4-HMAC-SHA256 ") else { return nil }
        var fields: [String: String] = [:]
        for part in header.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let credential = fields["Credential"]?.split(separator: "/").map(String.init), credential.count == 5,
              let signedHeaders = fields["SignedHeaders"], let signature = fields["Signature"] else { return nil }
        return Authorization(accessKeyID: credential[0], scope: Array(credential[1...]),
                             signedHeaders: signedHeaders.split(separator: ";").map(String.init), signature: signature)
    }

    /// True when the request's signature is what `secret` produces for what arrived.
    static func isValid(_ request: LoopbackHTTPServer.Request, secret: String, pathRules: SigV4Signer.PathRules) -> Bool {
        guard let authorization = request.headers["Authorization"].flatMap(parse),
              let stamp = request.headers["X-Amz-Date"], let date = amzDateFormatter.date(from: stamp) else { return false }
        var headers = HTTPHeaders()
        for field in request.headers where authorization.signedHeaders.contains(field.name.lowercased()) {
            headers.add(name: field.name, value: field.value)
        }
        let target = request.target.split(separator: "?", maxSplits: 1)
        let signable = SignableRequest(
            method: request.method, path: String(target[0]),
            query: target.count > 1 ? SignableRequest.parseQuery(target[1]) : [], headers: headers, body: request.body)
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyID: authorization.accessKeyID, secretAccessKey: secret,
                                        sessionToken: request.headers["X-Amz-Security-Token"]),
            region: authorization.scope[1], service: authorization.scope[2], pathRules: pathRules)
        let payload: SigV4Signer.Payload = request.headers["x-amz-content-sha256"].map { .precomputed($0) } ?? .hashed
        // The token and date headers are already in `headers` when signed; signing adds them again unchanged.
        let recomputed = signer.signHeaders(signable, date: date, options: .init(payload: payload))
        return recomputed.signature == authorization.signature
    }

    static let amzDateFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter
    }()
}
