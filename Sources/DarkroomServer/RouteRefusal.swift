import DarkroomBackend
import DarkroomCore
import Hummingbird

/// A request the local stack refuses before a handler sees it, answered with the handler's JSON error shape
/// (`ErrorBody`: `error`, `code`) where Hummingbird would answer with an empty body.
enum RouteRefusal: Error, CustomStringConvertible {
    /// No route has the path (404); `routes` are the ones there are.
    case notFound(method: String, path: String, routes: [String])
    /// A route has the path but takes another method (405).
    case methodNotAllowed(method: String, path: String, allowed: [String])
    /// The body is larger than the route reads (413).
    case bodyTooLarge(limit: Int, path: String)

    /// The refusal of a request no route took: 405 when `routes` has its path under another method, else 404.
    init(unrouted request: Request, routes: [LocalStackRoute]) {
        let method = request.method.rawValue, path = request.uri.path
        let allowed = routes.filter { $0.matches(path) }.map(\.method.rawValue)
        self = allowed.isEmpty ? .notFound(method: method, path: path, routes: routes.map(\.shown))
            : .methodNotAllowed(method: method, path: path, allowed: allowed)
    }

    var status: Int {
        switch self {
        case .notFound: 404
        case .methodNotAllowed: 405
        case .bodyTooLarge: 413
        }
    }

    /// The codes the image-generation handler gives the same refusals, so a client reads both alike.
    var code: String {
        switch self {
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .bodyTooLarge: "body_too_large"
        }
    }

    var description: String {
        switch self {
        case .notFound(let method, let path, let routes):
            "There is no route \(method) \(path); the local stack answers " + Self.list(routes) + "."
        case .methodNotAllowed(let method, let path, let allowed):
            "The method \(method) is not allowed on \(path); send " + Self.list(allowed, joinedBy: "or") + "."
        case .bodyTooLarge(let limit, let path):
            "The request body is larger than \(limit) bytes, the most \(path) reads; send a smaller one."
        }
    }

    /// The JSON answer; a 405 also names the allowed methods in `Allow`, as HTTP asks.
    var answer: BackendResponse {
        var headers = ["content-type": "application/json"]
        if case .methodNotAllowed(_, _, let allowed) = self { headers["allow"] = allowed.joined(separator: ", ") }
        // Two strings always encode.
        return BackendResponse(status: status, headers: headers, body: CanonicalJSON.encode(ErrorBody(error: description, code: code)) ?? [])
    }

    /// `A`, `A and B`, `A, B and C`.
    private static func list(_ items: [String], joinedBy conjunction: String = "and") -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}

/// Turns what no route took (Hummingbird's empty 404) and a `RouteRefusal` a route threw into the JSON answer,
/// written to the error log like every other error answer.
struct RouteRefusalMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let routes: [LocalStackRoute]
    let log: ErrorAnswerLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let refusal: RouteRefusal
        do {
            return try await next(request, context)
        } catch let error as RouteRefusal {
            refusal = error
        } catch let error as HTTPError where error.status == .notFound {
            refusal = RouteRefusal(unrouted: request, routes: routes)
        }
        return log.answer(refusal.answer, to: request)
    }
}
