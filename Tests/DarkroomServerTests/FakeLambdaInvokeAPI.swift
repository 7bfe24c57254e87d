import DarkroomAWS
import Foundation
import Hummingbird

/// Lambda's Invoke API on loopback: records each call and answers 202 (or 403 when told to refuse).
actor FakeLambdaInvokeAPI {
    struct Call: Sendable {
        var path: String
        /// Every header as it arrived, `Host` included.
        var headers: HTTPHeaders
        var body: [UInt8]

        var invocationType: String? { headers["X-Amz-Invocation-Type"] }
        var authorization: String? { headers["Authorization"] }

        /// True when the SigV4 `Authorization` header is the one `secret` gives for what arrived, as Lambda checks it:
        /// the listed headers, the path and the body, signed for the scope the header names.
        func isSigned(secret: String) -> Bool {
            guard let authorization, let stamp = headers["X-Amz-Date"], let date = Self.amzDate(stamp),
                  let credential = Self.field("Credential", in: authorization)?.split(separator: "/").map(String.init),
                  credential.count == 5, let signedNames = Self.field("SignedHeaders", in: authorization)?.split(separator: ";")
            else { return false }
            var signed = HTTPHeaders()
            for field in headers where signedNames.contains(Substring(field.name.lowercased())) {
                signed.add(name: field.name, value: field.value)
            }
            let signer = SigV4Signer(credentials: AWSCredentials(accessKeyID: credential[0], secretAccessKey: secret),
                                     region: credential[2], service: credential[3])
            let resigned = signer.signHeaders(SignableRequest(method: "POST", path: path, headers: signed, body: body), date: date)
            return resigned.request.headers["Authorization"] == authorization
        }

        private static func field(_ name: String, in authorization: String) -> Substring? {
            authorization.split(separator: " ").lazy.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",")) }
                .first { $0.hasPrefix(name + "=") }.map { Substring($0.dropFirst(name.count + 1)) }
        }

        private static func amzDate(_ stamp: String) -> Date? {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
            return formatter.date(from: stamp)
        }
    }

    private(set) var calls: [Call] = []
    private var refusing = false

    func refuseNext() {
        refusing = true
    }

    func record(_ call: Call) -> Bool {
        calls.append(call)
        defer { refusing = false }
        return !refusing
    }

    nonisolated func start() async throws -> FakeRuntimeAPI.Running {
        let router = Router()
        router.post("2015-03-31/functions/:name/invocations") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            // HTTP/1 requests arrive with `Host` moved into the authority; SigV4 signs it as a header.
            var headers = HTTPHeaders()
            if let authority = request.head.authority { headers.add(name: "Host", value: authority) }
            for field in request.headers { headers.add(name: field.name.rawName, value: field.value) }
            let accepted = await self.record(Call(path: request.uri.path, headers: headers, body: Array(body.readableBytesView)))
            return Response(status: accepted ? .accepted : .forbidden)
        }
        return try await FakeRuntimeAPI.serve(router)
    }
}
