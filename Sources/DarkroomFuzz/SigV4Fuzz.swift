import DarkroomAWS
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// SigV4 over arbitrary requests, read from the input as the AWS test suite writes them: a request line
/// (`METHOD PATH?QUERY HTTP/1.1`), header lines (`Name:value`), a blank line, the body.
enum SigV4Fuzz {
    static let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                            sessionToken: "token")
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // the suite's 20150830T123600Z

    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let (head, body) = split(text, at: "\n\n")
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard !lines.isEmpty else { return }
        let requestLine = lines.removeFirst().split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        let method = requestLine.first.map(String.init) ?? ""
        let target = requestLine.count > 1 ? requestLine[1] : "/"
        let (path, query) = split(String(target), at: "?")
        var headers = HTTPHeaders()
        for line in lines {
            let (name, value) = split(String(line), at: ":")
            headers.add(name: name, value: value)
        }
        let request = SignableRequest(method: method, path: path, query: SignableRequest.parseQuery(Substring(query)),
                                      headers: headers, body: Array(body.utf8))
        for (service, rules) in [("service", SigV4Signer.PathRules.standard), ("s3", .s3)] {
            let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: service, pathRules: rules)
            let first = signer.signHeaders(request, date: date)
            FuzzCheck.require(first.signature.count == 64 && first.signature.allSatisfy(\.isHexDigit), "a signature is 64 hex digits")
            let presigned = signer.presign(request, date: date, expires: 900)
            FuzzCheck.require(presigned.signature.count == 64, "a presigned signature is 64 hex digits")
        }
    }

    private static func split(_ text: String, at separator: String) -> (String, String) {
        guard let range = text.firstRange(of: separator) else { return (text, "") }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }
}
