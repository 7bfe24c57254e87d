import DarkroomBackend
import Hummingbird
import NIOCore

/// Converts between Hummingbird's request and response types and the backend's plain ones.
enum HTTPBridge {
    /// The backend's view of a request: lower-cased header names, repeated values joined with `,`. A body larger
    /// than `maxBodyBytes` is refused (`RouteRefusal.bodyTooLarge`) before it is read further.
    static func backendRequest(_ request: Request, maxBodyBytes: Int) async throws -> BackendRequest {
        var headers: [String: String] = [:]
        // Only Lambda's own direct invocations may carry the job marker; never a request from the network.
        for field in request.headers where field.name.canonicalName != LambdaEvent.directInvocationHeader {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0),\(field.value)" } ?? field.value
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw RouteRefusal.bodyTooLarge(limit: maxBodyBytes, path: request.uri.path)
        }
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
