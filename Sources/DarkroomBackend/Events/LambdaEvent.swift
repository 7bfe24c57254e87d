#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

import DarkroomCore

/// The front door an invocation came through, which decides how its response is encoded.
public enum EventKind: String, Sendable, Equatable {
    /// API Gateway REST API (payload format 1.0) proxy integration.
    case restAPI
    /// API Gateway HTTP API (payload format 2.0).
    case httpAPI
    /// A Lambda function URL (payload format 2.0 without a route).
    case functionURL
    /// A direct `Invoke` whose payload is the request body itself (the console's test event, say).
    case direct
    /// A job the function sent itself with an `Event` invocation (`{"darkroom_job": …}`) after answering 202. Only an
    /// invocation error makes Lambda retry it and then send it to the dead-letter queue, so its failures are thrown
    /// (`GatewayEventHandler`), never answered.
    case asyncJob
}

/// Why a Lambda event could not be turned into a request; each names what is wrong with the event itself.
public enum LambdaEventError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not UTF-8 text.
    case notUTF8
    /// The text stops being JSON at `offset` (bytes from the start).
    case notJSON(offset: Int)
    /// An object gives `key` twice (two readers could each keep a different value).
    case duplicateKey(String)
    /// Arrays and objects nest deeper than `limit`.
    case tooDeep(limit: Int)
    /// The event is JSON, but `kind` (`JSON null`, `an array`, …) where an object belongs.
    case notAnObject(kind: String)
    case invalidBase64Body

    public var description: String {
        switch self {
        case .notUTF8: "The Lambda event is not UTF-8 text; \(Self.remedy)."
        case .notJSON(let offset): "The Lambda event is not JSON (from byte \(offset) on); \(Self.remedy)."
        case .duplicateKey(let key): "The key `\(key.escapingControlCharacters())` appears twice in the Lambda event; \(Self.remedy)."
        case .tooDeep(let limit): "The Lambda event is nested deeper than \(limit) levels; \(Self.remedy)."
        case .notAnObject(let kind): "The Lambda event is \(kind), not an object; \(Self.remedy)."
        case .invalidBase64Body: "The event's body is marked base64 but is not valid base64."
        }
    }

    private static let remedy = "invoke the function through API Gateway or with a JSON object as the payload"
}

/// Turns Lambda events (API Gateway v1/v2, function URLs, direct invocations) into `BackendRequest`s and
/// `BackendResponse`s back into the proxy-integration result those front doors expect.
public enum LambdaEvent {
    /// Marks requests that came from a direct invocation; stripped from anything arriving over HTTP.
    public static let directInvocationHeader = "x-darkroom-direct-invocation"
    /// The top-level field of an asynchronous job's event payload.
    public static let jobField = "darkroom_job"

    public static func decode(_ bytes: [UInt8]) throws(LambdaEventError) -> (BackendRequest, EventKind) {
        let event: JSONValue
        do {
            event = try JSONParser.parse(bytes)
        } catch {
            switch error {
            case .notUTF8: throw .notUTF8
            case .syntax(let offset): throw .notJSON(offset: offset)
            case .duplicateKey(let key): throw .duplicateKey(key)
            case .tooDeep(let limit): throw .tooDeep(limit: limit)
            }
        }
        guard event.object != nil else { throw .notAnObject(kind: event.kind) }

        if let method = event["httpMethod"]?.string {
            let headers = restHeaders(event)
            let path = event["path"]?.string ?? event["requestContext"]?["path"]?.string ?? "/"
            return (BackendRequest(method: method.uppercased(), path: path, headers: headers, body: try body(of: event)), .restAPI)
        }
        if event["version"]?.string == "2.0", let method = event["requestContext"]?["http"]?["method"]?.string {
            var headers = lowerCased(event["headers"]?.object ?? [:])
            if case .array(let cookies) = event["cookies"] ?? .null {
                headers["cookie"] = cookies.compactMap(\.string).joined(separator: "; ")
            }
            let path = event["rawPath"]?.string ?? event["requestContext"]?["http"]?["path"]?.string ?? "/"
            let kind: EventKind = event["routeKey"] == nil ? .functionURL : .httpAPI
            return (BackendRequest(method: method.uppercased(), path: path, headers: headers, body: try body(of: event)), kind)
        }

        let isJob = event[jobField] != nil
        let request = BackendRequest(
            method: "POST", path: isJob ? ImageGenerationHandler.jobPath : ImageGenerationHandler.path,
            headers: ["content-type": "application/json", directInvocationHeader: "1"], body: bytes
        )
        return (request, isJob ? .asyncJob : .direct)
    }

    /// The proxy-integration result (`statusCode`, `headers`, `body`, `isBase64Encoded`); every kind takes this shape.
    public static func encode(_ response: BackendResponse, for kind: EventKind) -> [UInt8] {
        let text = String(validating: response.body, as: UTF8.self)
        let result = ProxyResult(
            statusCode: response.status, headers: response.headers,
            body: text ?? Data(response.body).base64EncodedString(), isBase64Encoded: text == nil
        )
        return CanonicalJSON.encode(result) ?? []
    }

    private struct ProxyResult: Encodable {
        var statusCode: Int
        var headers: [String: String]
        var body: String
        var isBase64Encoded: Bool
    }

    private static func body(of event: JSONValue) throws(LambdaEventError) -> [UInt8] {
        guard let text = event["body"]?.string else { return [] }
        guard event["isBase64Encoded"]?.bool == true else { return Array(text.utf8) }
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else { throw .invalidBase64Body }
        return [UInt8](data)
    }

    /// REST events repeat headers in `multiValueHeaders`; join repeats with `,` as HTTP does.
    private static func restHeaders(_ event: JSONValue) -> [String: String] {
        if let multi = event["multiValueHeaders"]?.object {
            var headers: [String: String] = [:]
            for (name, values) in multi {
                guard case .array(let list) = values else { continue }
                headers[name.lowercased()] = list.compactMap(\.string).joined(separator: ",")
            }
            return stripInternal(headers)
        }
        return lowerCased(event["headers"]?.object ?? [:])
    }

    private static func lowerCased(_ members: [String: JSONValue]) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in members {
            if let text = value.string { headers[name.lowercased()] = text }
        }
        return stripInternal(headers)
    }

    /// A client must not be able to pose as a direct invocation through an HTTP header.
    private static func stripInternal(_ headers: [String: String]) -> [String: String] {
        headers.filter { !$0.key.hasPrefix("x-darkroom-") }
    }
}
