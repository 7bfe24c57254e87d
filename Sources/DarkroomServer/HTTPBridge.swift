import DarkroomBackend
import Hummingbird

/// Converts between Hummingbird's request and response types and the backend's plain ones.
enum HTTPBridge {
    /// The largest request body the local stack reads; larger bodies are refused with 413.
    static let maximumBodyBytes = 16 << 20

    /// The backend's view of a request: lower-cased header names, repeated values joined with `,`.
    static func backendRequest(_ request: Request) async throws -> BackendRequest {
        var headers: [String: String] = [:]
        // Only Lambda's own direct invocations may carry the job marker; never a request from the network.
        for field in request.headers where field.name.canonicalName != LambdaEvent.directInvocationHeader {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0),\(field.value)" } ?? field.value
        }
        let body = try await request.body.collect(upTo: maximumBodyBytes)
        return BackendRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            headers: headers,
            body: Array(body.readableBytesView)
        )
    }

    /// A Hummingbird response carrying the backend's status, headers and body.
    static func response(_ response: BackendResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in response.headers {
            guard let fieldName = HTTPFields.Element.Name(name) else { continue }
            fields[fieldName] = value
        }
        return Response(
            status: HTTPResponse.Status(code: response.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body))
        )
    }

    /// A JSON response.
    static func json(status: Int, _ body: [UInt8], headers: [String: String] = [:]) -> Response {
        var headers = headers
        headers["content-type"] = "application/json"
        return response(BackendResponse(status: status, headers: headers, body: body))
    }
}
