import Hummingbird

/// One route of the local stack: what the router matches, and how an answer to a request it did not take names it.
struct LocalStackRoute: Sendable {
    /// The method the route takes.
    var method: HTTPRequest.Method
    /// Hummingbird's path syntax: `model/:modelId/invoke`.
    var path: String

    /// The path for the router.
    var routerPath: RouterPath { RouterPath(path) }

    /// `POST /model/{modelId}/invoke`, as a person reads it.
    var shown: String {
        let components = path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
        return "\(method) /" + components.joined(separator: "/")
    }

    /// Whether `requestPath` is this route's path, whatever the method (a parameter matches any one component).
    func matches(_ requestPath: String) -> Bool {
        let expected = path.split(separator: "/")
        let given = requestPath.split(separator: "/")
        return expected.count == given.count && zip(expected, given).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }
}
