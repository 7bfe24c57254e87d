import DarkroomBackend
import Hummingbird

/// The local stack's routes, separate from the server so they read as a list.
enum LocalStackRoutes {
    static func router(handler: some RequestHandling) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("health") { _, _ in
            HTTPBridge.json(status: 200, Array(#"{"status":"ok"}"#.utf8))
        }
        router.post("image-generation") { request, _ in
            let backendRequest = try await HTTPBridge.backendRequest(request)
            return HTTPBridge.response(await handler.handle(backendRequest))
        }
        return router
    }
}
